using System.Globalization;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// A definition's <c>meta.uuid_validity</c> (SCS image metadata): how long an image id stays usable.
/// Read from the YAML, never from the property an older run wrote on an image (in the Python tool a missing
/// property crashed the Python tool's cleanup; and a changed YAML value must count at once).
/// </summary>
internal sealed record UuidValidity(UuidValidityKind Kind, int LastN = 0, DateOnly Until = default)
{
    public const string Key = "uuid_validity";

    public static readonly UuidValidity Unset = new(UuidValidityKind.Unset);

    public static UuidValidity Of(ImageDefinition? definition)
    {
        if (definition is null || !definition.Meta.TryGetValue(Key, out var text))
        {
            return Unset;
        }

        return text switch
        {
            "none" => new(UuidValidityKind.None),
            "forever" => new(UuidValidityKind.Forever),
            "notice" => new(UuidValidityKind.Notice),
            _ when text.StartsWith("last-", StringComparison.Ordinal)
                   && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => new(UuidValidityKind.LastN, n),
            _ when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => new(UuidValidityKind.Date, Until: date),
            // The loader refuses anything else; an unknown word protects rather than deletes.
            _ => new(UuidValidityKind.Forever),
        };
    }

    /// <summary>Why this validity forbids deactivating or deleting today, or null when it allows it.</summary>
    public string? Forbids(DateOnly today, bool includeNone) => Kind switch
    {
        UuidValidityKind.None when !includeNone => "uuid_validity: none (use -IncludeValidityNone)",
        UuidValidityKind.Forever => "uuid_validity: forever",
        UuidValidityKind.Notice => "uuid_validity: notice",
        UuidValidityKind.Date when today <= Until => $"uuid_validity: {Until:yyyy-MM-dd} (eligible after that date)",
        _ => null,
    };
}

internal enum UuidValidityKind
{
    Unset,
    None,
    Forever,
    Notice,
    LastN,
    Date,
}
