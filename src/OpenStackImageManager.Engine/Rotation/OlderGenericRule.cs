using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// Which images of a definition's timeline must step aside so that only one public, visible image per
/// architecture, os_distro and os_version says <c>os_purpose: generic</c> (the uniqueness rule of SCS
/// image metadata), and the name they step aside under. An image is "older generic" when it wants to
/// be generic and a newer entry of the same definition has the same triple.
/// </summary>
internal static class OlderGenericRule
{
    public const string Generic = "generic";
    public const string OldGeneric = "oldgeneric";
    private const string Purpose = "os_purpose";

    /// <summary>For each rank of the timeline: whether that image is an older generic one.</summary>
    public static bool[] Mark(ImageDefinition definition, IReadOnlyList<TimelineEntry> timeline)
    {
        var marks = new bool[timeline.Count];
        var seen = new HashSet<(string?, string?, string?)>();
        for (var rank = 0; rank < timeline.Count; rank++)
        {
            var entry = timeline[rank];
            var key = Triple(definition, entry);
            marks[rank] = WantedPurpose(definition, entry.Version) == Generic && seen.Contains(key);
            seen.Add(key);
        }

        return marks;
    }

    /// <summary>What the YAML says os_purpose should be; a version's meta overrides the definition's.</summary>
    public static string? WantedPurpose(ImageDefinition definition, ImageVersion? version) =>
        version?.Meta.GetValueOrDefault(Purpose) ?? definition.Meta.GetValueOrDefault(Purpose);

    /// <summary>
    /// The name the standard recommends for a rotated image that stays visible: the base name and the
    /// build date as <c>YYYYMMDD</c> (the conformance test then sees a marked, not an outdated, image).
    /// </summary>
    public static string NameOf(ImageDefinition definition, TimelineEntry entry, GlanceImage image)
    {
        var built = image.Properties.GetValueOrDefault("image_build_date") is { Length: >= 10 } text
            ? text[..10].Replace("-", string.Empty, StringComparison.Ordinal)
            : entry.Version?.BuildDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) ?? entry.Label;
        return $"{definition.Name}{definition.Separator}{built}";
    }

    private static (string?, string?, string?) Triple(ImageDefinition definition, TimelineEntry entry)
    {
        if (entry.Version is { } version)
        {
            var desired = DesiredImage.For(definition, version, string.Empty, entry.Image);
            return (desired.Properties.GetValueOrDefault("architecture"), desired.Properties.GetValueOrDefault("os_distro"), desired.Properties.GetValueOrDefault("os_version"));
        }

        var properties = entry.Image!.Properties;
        return (properties.GetValueOrDefault("architecture"), properties.GetValueOrDefault("os_distro"), properties.GetValueOrDefault("os_version"));
    }
}
