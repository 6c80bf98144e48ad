namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// A heading and the lines under it up to the next heading of the same or a higher level. Headings
/// inside fenced code (a "# comment" in an example) are code, not headings.
/// </summary>
internal sealed record PageSection(string Heading, int Line, IReadOnlyList<PageLine> Body)
{
    internal static IReadOnlyList<PageSection> Split(IEnumerable<PageLine> lines, string marker, out IReadOnlyList<PageLine> preamble)
    {
        var sections = new List<PageSection>();
        var before = new List<PageLine>();
        string? heading = null;
        var headingLine = 0;
        var body = new List<PageLine>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.IsFence)
            {
                inFence = !inFence;
            }
            else if (!inFence && line.Text.StartsWith(marker, StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections.Add(new PageSection(heading, headingLine, body));
                }

                heading = line.Text[marker.Length..].Trim();
                headingLine = line.Number;
                body = [];
                continue;
            }

            (heading is null ? before : body).Add(line);
        }

        if (heading is not null)
        {
            sections.Add(new PageSection(heading, headingLine, body));
        }

        preamble = before;
        return sections;
    }

    internal IReadOnlyList<PageSection> Subsections(out IReadOnlyList<PageLine> preamble) => Split(Body, "### ", out preamble);

    internal bool HasText => Body.Any(l => !l.IsBlank);
}
