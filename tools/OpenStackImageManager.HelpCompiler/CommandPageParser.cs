namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Reads one cmdlet page in PlatyPS's markdown format (schema 2.0.0: front matter, "# Name", then the
/// "##" sections SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES,
/// RELATED LINKS). Anything Get-Help would show empty or wrong is an error at its line, because help
/// that silently lacks a description is worse than a failed build.
/// </summary>
internal sealed class CommandPageParser
{
    private static readonly string[] s_knownSections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private readonly string _file;
    private readonly PageLine[] _lines;

    private CommandPageParser(string file, string text)
    {
        _file = file;
        _lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select((t, i) => new PageLine(i + 1, t)).ToArray();
    }

    internal static CommandHelp Parse(string file, string text) => new CommandPageParser(file, text).Parse();

    private CommandHelp Parse()
    {
        var placeholder = _lines.FirstOrDefault(l => l.Text.Contains("{{", StringComparison.Ordinal));
        if (placeholder.Number > 0)
        {
            throw Error(placeholder.Number, "a PlatyPS placeholder ({{ ... }}) is left; write the text.");
        }

        var name = ReadFrontMatter(out var bodyStart);
        var body = _lines.Skip(bodyStart);
        var sections = PageSection.Split(body, "## ", out var preamble);
        var title = preamble.FirstOrDefault(l => l.Text.StartsWith("# ", StringComparison.Ordinal));
        if (title.Number == 0 || title.Text[2..].Trim() != name)
        {
            throw Error(title.Number > 0 ? title.Number : bodyStart + 1, $"the page must start with the heading '# {name}'.");
        }

        foreach (var section in sections)
        {
            if (!s_knownSections.Contains(section.Heading, StringComparer.Ordinal))
            {
                throw Error(section.Line, $"unknown section '## {section.Heading}'; PlatyPS pages have {string.Join(", ", s_knownSections)}.");
            }

            if (sections.Count(s => s.Heading == section.Heading) > 1)
            {
                throw Error(section.Line, $"section '## {section.Heading}' appears twice.");
            }
        }

        var synopsis = TextBlocks.Paragraphs(Required(sections, "SYNOPSIS").Body);
        if (synopsis.Count == 0)
        {
            throw Error(Required(sections, "SYNOPSIS").Line, "the synopsis is empty.");
        }

        var description = TextBlocks.Paragraphs(Required(sections, "DESCRIPTION").Body);
        if (description.Count == 0)
        {
            throw Error(Required(sections, "DESCRIPTION").Line, "the description is empty.");
        }

        var syntax = new SyntaxParser(this).Parse(Required(sections, "SYNTAX"));
        var parameters = new ParameterParser(this).Parse(Required(sections, "PARAMETERS"));
        new PageConsistency(this).Check(syntax, parameters);

        return new CommandHelp(
            name,
            string.Join(" ", synopsis),
            description,
            syntax,
            parameters,
            Examples(Required(sections, "EXAMPLES")),
            Types(Required(sections, "INPUTS")),
            Types(Required(sections, "OUTPUTS")),
            Optional(sections, "NOTES") is { } notes ? TextBlocks.Paragraphs(notes.Body) : [],
            Optional(sections, "RELATED LINKS") is { } links ? Links(links) : []);
    }

    internal HelpPageException Error(int line, string problem) => new(_file, line, problem);

    private string ReadFrontMatter(out int bodyStart)
    {
        if (_lines.Length == 0 || _lines[0].Text.Trim() != "---")
        {
            throw Error(1, "the page must start with PlatyPS front matter ('---', 'title: Verb-Noun', ..., '---').");
        }

        var end = Array.FindIndex(_lines, 1, l => l.Text.Trim() == "---");
        if (end < 0)
        {
            throw Error(1, "the front matter has no closing '---'.");
        }

        var title = _lines[1..end].Select(l => l.Text).FirstOrDefault(t => t.StartsWith("title:", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(title?["title:".Length..]))
        {
            throw Error(1, "the front matter has no 'title: Verb-Noun'.");
        }

        var name = title["title:".Length..].Trim();
        if (!name.Contains('-', StringComparison.Ordinal))
        {
            throw Error(1, $"the title '{name}' is not a cmdlet name (Verb-Noun).");
        }

        bodyStart = end + 1;
        return name;
    }

    private PageSection Required(IReadOnlyList<PageSection> sections, string heading) =>
        Optional(sections, heading) ?? throw Error(_lines.Length, $"the page has no '## {heading}' section.");

    private static PageSection? Optional(IReadOnlyList<PageSection> sections, string heading) =>
        sections.FirstOrDefault(s => s.Heading == heading);

    private List<ExampleHelp> Examples(PageSection section)
    {
        var examples = new List<ExampleHelp>();
        foreach (var example in section.Subsections(out _))
        {
            var fenceLines = example.Body.Where(l => l.IsFence).ToArray();
            if (fenceLines.Length < 2)
            {
                throw Error(example.Line, $"example '{example.Heading}' has no fenced code block.");
            }

            var firstFence = Array.IndexOf(example.Body.ToArray(), fenceLines[0]);
            var lastFence = Array.IndexOf(example.Body.ToArray(), fenceLines[^1]);
            var code = new List<string>();
            var inFence = false;
            foreach (var line in example.Body.Skip(firstFence).Take(lastFence - firstFence + 1))
            {
                if (line.IsFence)
                {
                    inFence = !inFence;
                }
                else if (inFence)
                {
                    code.Add(line.Text);
                }
            }

            // Text before the code introduces it; PlatyPS keeps it, Get-Help shows it with the remarks.
            var remarks = TextBlocks.Paragraphs(example.Body.Take(firstFence))
                .Concat(TextBlocks.Paragraphs(example.Body.Skip(lastFence + 1)))
                .ToArray();
            examples.Add(new ExampleHelp(example.Heading, string.Join("\n", code).Trim('\n'), remarks));
        }

        if (examples.Count == 0)
        {
            throw Error(section.Line, "the page has no example ('### Example 1: title' with a fenced code block).");
        }

        return examples;
    }

    private List<TypeHelp> Types(PageSection section)
    {
        var types = section.Subsections(out _).Select(s => new TypeHelp(s.Heading, TextBlocks.Paragraphs(s.Body))).ToList();
        if (types.Count == 0)
        {
            throw Error(section.Line, $"'## {section.Heading}' names no type ('### TypeName', or '### None').");
        }

        return types;
    }

    private List<RelatedLink> Links(PageSection section)
    {
        var links = new List<RelatedLink>();
        foreach (var line in section.Body.Where(l => !l.IsBlank))
        {
            var text = line.Text.Trim().TrimStart('-', '*').Trim();
            var close = text.IndexOf("](", StringComparison.Ordinal);
            if (!text.StartsWith('[') || close < 0 || !text.EndsWith(')'))
            {
                throw Error(line.Number, "a related link must be '[text](target)'.");
            }

            var target = text[(close + 2)..^1].Trim();
            // Another page of this module is found by name; only absolute links become MAML URIs.
            links.Add(new RelatedLink(text[1..close], target.Contains("://", StringComparison.Ordinal) ? target : string.Empty));
        }

        return links;
    }
}
