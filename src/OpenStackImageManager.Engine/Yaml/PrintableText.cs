using System.Globalization;
using System.Text;

namespace OpenStackImageManager.Engine.Yaml;

/// <summary>
/// Characters that must never reach Glance or a console from a definition or settings file: control
/// characters (C0 with NUL and newline, DEL, C1 with ESC-led and OSC sequences), the bidirectional
/// embeddings, overrides and isolates that make text read differently from what it is, and the line
/// and paragraph separators some terminals break lines at. A newline in a name forges log lines; an
/// RTL override shows a name other than the one sent.
/// </summary>
internal static class PrintableText
{
    /// <summary>The first hostile character of <paramref name="text"/> and its index, or null.</summary>
    public static (char Character, int Index)? FindHostile(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHostile(text[i]))
            {
                return (text[i], i);
            }
        }

        return null;
    }

    public static bool IsHostile(char c) =>
        char.IsControl(c)                      // U+0000-001F, U+007F, U+0080-009F
        || c is >= '\u202A' and <= '\u202E'    // LRE, RLE, PDF, LRO, RLO
        || c is >= '\u2066' and <= '\u2069'    // LRI, RLI, FSI, PDI
        || c is '\u200E' or '\u200F' or '\u061C' // LRM, RLM, ALM
        || c is '\u2028' or '\u2029';          // line and paragraph separator

    /// <summary>The name of a hostile character for messages: <c>U+001B</c>, <c>U+202E (right-to-left override)</c>.</summary>
    public static string Describe(char c)
    {
        var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        var name = c switch
        {
            '\0' => "NUL",
            '\n' => "newline",
            '\r' => "carriage return",
            '\t' => "tab",
            '\u001B' => "escape",
            '\u007F' => "delete",
            '\u202E' => "right-to-left override",
            '\u202D' => "left-to-right override",
            '\u2028' => "line separator",
            '\u2029' => "paragraph separator",
            _ when c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => "bidirectional control",
            _ => "control character",
        };
        return $"U+{code} ({name})";
    }

    /// <summary>
    /// <paramref name="text"/> safe to print: unchanged when it has no hostile character, else every
    /// hostile character as <c>\u</c> and four hex digits (and a backslash doubled, so the escape is
    /// unambiguous), so a message quoting a hostile value cannot act on the terminal.
    /// </summary>
    public static string Escape(string text)
    {
        if (FindHostile(text) is null)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '\\')
            {
                builder.Append("\\\\");
            }
            else if (IsHostile(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
