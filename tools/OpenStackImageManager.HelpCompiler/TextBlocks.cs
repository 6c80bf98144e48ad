using System.Text;

namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Markdown text as MAML paragraphs: lines of one paragraph are joined (Get-Help wraps them to the
/// console itself), a list item or a fenced block starts a paragraph of its own, and fenced code keeps
/// its line breaks.
/// </summary>
internal static class TextBlocks
{
    internal static IReadOnlyList<string> Paragraphs(IEnumerable<PageLine> lines)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        var inFence = false;

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString().TrimEnd());
                current.Clear();
            }
        }

        foreach (var line in lines)
        {
            if (line.IsFence)
            {
                Flush();
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                current.Append(line.Text).Append('\n');
                continue;
            }

            var text = line.Text.Trim();
            if (text.Length == 0)
            {
                Flush();
            }
            else
            {
                if (IsListItem(text))
                {
                    Flush();
                }

                current.Append(current.Length > 0 ? " " : string.Empty).Append(text);
            }
        }

        Flush();
        return paragraphs;
    }

    private static bool IsListItem(string text) =>
        text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("* ", StringComparison.Ordinal)
        || (text.Length > 2 && char.IsDigit(text[0]) && text.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4);
}
