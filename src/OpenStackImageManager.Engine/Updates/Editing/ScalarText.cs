using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>
/// Writes a new value the way the value it replaces was written: single-quoted stays single-quoted,
/// double-quoted stays double-quoted, plain stays plain unless plain would change its meaning
/// (<c>20260108</c> would read as a number) or not parse (<c>a: b</c>); then it is single-quoted.
/// </summary>
internal static class ScalarText
{
    public static string Render(string value, ScalarQuoting quoting, ScalarKind wanted) => quoting switch
    {
        ScalarQuoting.SingleQuoted => SingleQuoted(value),
        ScalarQuoting.DoubleQuoted => DoubleQuoted(value),
        _ => IsSafePlain(value, wanted) ? value : SingleQuoted(value),
    };

    public static string SingleQuoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string DoubleQuoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Whether <paramref name="value"/> written plain reads back as itself with the type <paramref name="wanted"/>.</summary>
    internal static bool IsSafePlain(string value, ScalarKind wanted)
    {
        if (value.Length == 0 || value.Trim() != value || value.Contains(": ", StringComparison.Ordinal) || value.EndsWith(':')
            || value.Contains(" #", StringComparison.Ordinal) || value.Contains('\n') || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0]))
        {
            return false;
        }

        return ScalarTypes.Resolve(new YamlScalar(1, 1, value, isPlain: true, tag: null)) == wanted;
    }
}
