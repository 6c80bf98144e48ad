namespace OpenStackImageManager.Models;

/// <summary>
/// Wraps text for a table column of the module's format views. PowerShell's table wrapping cuts a value
/// at the column's width, mid-word and mid-URL; a value that holds its own line breaks is shown line by
/// line. So the views wrap here: at spaces, else after <c>/ . - _ , ; ?  &amp; =</c> (so a path or URL
/// breaks between its parts), and only a single word longer than the column is cut.
/// </summary>
public static class ColumnText
{
    private static readonly char[][] s_breaks = [['/', '.'], ['-', '_', ',', ';', '?', '&', '=']];

    public static string Wrap(string? text, int width)
    {
        if (string.IsNullOrEmpty(text) || width < 1)
        {
            return text ?? string.Empty;
        }

        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapLine(paragraph, width, lines);
        }

        return string.Join("\n", lines);
    }

    private static void WrapLine(string text, int width, List<string> lines)
    {
        var rest = text.TrimEnd();
        while (rest.Length > width)
        {
            var cut = BreakAt(rest, width);
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        lines.Add(rest);
    }

    /// <summary>
    /// Where the first line ends: the last space within the width, else the last <c>/</c> or <c>.</c> (between
    /// the parts of a path, URL or key), else the last other break character, else the width.
    /// </summary>
    private static int BreakAt(string text, int width)
    {
        var space = text.LastIndexOf(' ', width);
        if (space > 0)
        {
            return space + 1;
        }

        foreach (var breaks in s_breaks)
        {
            var at = text.LastIndexOfAny(breaks, width - 1);
            if (at > 0)
            {
                return at + 1;
            }
        }

        return width;
    }
}
