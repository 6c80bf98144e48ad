using System.Text;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tables;

/// <summary>
/// The catalog as a table of name, login user and password, sorted by name (ordinal, as Python's
/// <c>sorted</c>): what the Python tool's <c>contrib/table.py</c> prints with <c>tabulate</c>.
/// </summary>
public static class ImageTableWriter
{
    private static readonly string[] Header = ["Name", "Login user", "Password"];

    public static string Write(IEnumerable<ImageDefinition> definitions, ImageTableFormat format)
    {
        var rows = definitions
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new[] { d.Name, d.Login, d.Password ?? string.Empty })
            .ToList();
        return format == ImageTableFormat.Markdown ? Markdown(rows) : Rst(rows);
    }

    private static int[] Widths(IReadOnlyList<string[]> rows) =>
        Enumerable.Range(0, Header.Length).Select(c => rows.Select(r => r[c].Length).Append(Header[c].Length).Max()).ToArray();

    private static string Rst(List<string[]> rows)
    {
        var widths = Widths(rows);
        var rule = string.Join("  ", widths.Select(w => new string('=', w)));
        var text = new StringBuilder();
        text.Append(rule).Append('\n');
        text.Append(Line(Header, widths, "  ")).Append('\n');
        text.Append(rule).Append('\n');
        foreach (var row in rows)
        {
            text.Append(Line(row, widths, "  ")).Append('\n');
        }

        return text.Append(rule).Append('\n').ToString();
    }

    private static string Markdown(List<string[]> rows)
    {
        // A pipe inside a cell would end the cell.
        var escaped = rows.Select(r => r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)).ToArray()).ToList();
        var widths = Widths(escaped);
        var text = new StringBuilder();
        text.Append("| ").Append(Line(Header, widths, " | ", trimEnd: false)).Append(" |\n");
        text.Append("| ").Append(string.Join(" | ", widths.Select(w => new string('-', w)))).Append(" |\n");
        foreach (var row in escaped)
        {
            text.Append("| ").Append(Line(row, widths, " | ", trimEnd: false)).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Line(string[] cells, int[] widths, string gap, bool trimEnd = true)
    {
        var line = string.Join(gap, cells.Select((c, i) => c.PadRight(widths[i])));
        return trimEnd ? line.TrimEnd() : line;
    }
}
