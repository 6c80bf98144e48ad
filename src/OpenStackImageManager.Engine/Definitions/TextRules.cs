using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// What a text value of a definition may hold, since each one becomes a Glance name, property or tag
/// or is printed: no hostile character (<see cref="PrintableText"/>), and no leading or trailing
/// whitespace where the value is a name, a version, a tag or a property (Glance keeps it, and
/// <c>"Ubuntu "</c> and <c>"Ubuntu"</c> would be two images that look alike).
/// </summary>
internal static class TextRules
{
    /// <summary>
    /// The problem of <paramref name="value"/>, or null; <paramref name="subject"/> says what it is in the
    /// message (<c>'name'</c>, <c>property 'x'</c>) and must already be printable.
    /// </summary>
    public static string? Problem(string value, string subject, bool edgeSpaceAllowed = false)
    {
        if (PrintableText.FindHostile(value) is { } hostile)
        {
            return $"{subject} contains {PrintableText.Describe(hostile.Character)} at character {hostile.Index + 1}; "
                   + "control characters and bidirectional overrides are not allowed in text that reaches Glance or a console";
        }

        if (!edgeSpaceAllowed && value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            return $"{subject} has leading or trailing whitespace ('{value}'); remove it";
        }

        return null;
    }

    /// <summary>The problem of a URL: hostile characters or any whitespace at all.</summary>
    public static string? UrlProblem(string value, string subject)
    {
        if (Problem(value, subject) is { } problem)
        {
            return problem;
        }

        return value.Any(char.IsWhiteSpace)
            ? $"{subject} contains whitespace; a URL has none (encode a space as %20)"
            : null;
    }
}
