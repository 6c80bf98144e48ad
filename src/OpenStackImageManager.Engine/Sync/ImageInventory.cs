using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The project's managed images, read once per run and indexed the way docs/BEHAVIOUR.md ("Identity") names
/// them: by definition (<c>image_name</c>, else <c>image_description</c>), by version
/// (<c>internal_version</c>), with the Glance name as the fallback for images that carry neither.
/// Images of the Python tool carry these properties, so they are adopted as they are.
/// </summary>
/// <remarks>
/// An image whose bytes nobody verified (the pending marker <see cref="DesiredImage.PendingKey"/>, or a
/// failed import: <c>killed</c>, <c>os_glance_failed_import</c>) is never adopted, counted or matched: it
/// is <see cref="Unverified"/>, and <see cref="Cleanup"/> when nothing protects it (docs/BEHAVIOUR.md, "Overlapping runs").
/// </remarks>
public sealed class ImageInventory
{
    private readonly Dictionary<(string Definition, string Version), List<GlanceImage>> _byVersion = new();
    private readonly Dictionary<string, List<GlanceImage>> _byDefinition = new(StringComparer.Ordinal);
    private readonly List<GlanceImage> _unmatched = [];
    private readonly Dictionary<string, ImageMatch> _matches = new(StringComparer.Ordinal);
    private readonly List<GlanceImage> _unverified = [];
    private readonly List<UnverifiedImage> _cleanup = [];

    /// <summary>
    /// Indexes <paramref name="images"/> (already filtered to managed ones) against <paramref name="definitions"/>.
    /// <paramref name="liveLeaseRunId"/> is the run that holds the catalog lease now, if any: its pending images are in flight, not leftovers.
    /// </summary>
    public ImageInventory(IEnumerable<GlanceImage> images, IReadOnlyList<ImageDefinition> definitions, string? liveLeaseRunId = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(definitions);
        var all = images.ToArray();
        var index = new DefinitionIndex(definitions);
        foreach (var image in all.Where(IsUnverified))
        {
            _unverified.Add(image);
            var why = CleanupBlocker(image, liveLeaseRunId);
            _cleanup.Add(new UnverifiedImage(image, index.Match(image), why));
        }

        Images = all.Where(i => !IsUnverified(i)).ToArray();
        foreach (var image in Images)
        {
            var match = index.Match(image);
            if (match is null)
            {
                _unmatched.Add(image);
                continue;
            }

            _matches[image.Id] = match;
            Add(_byDefinition, match.Definition.Name, image);
            if (match.Version is { } version)
            {
                var key = (match.Definition.Name, version.Version);
                if (!_byVersion.TryGetValue(key, out var list))
                {
                    _byVersion[key] = list = [];
                }

                list.Add(image);
            }
        }

        DuplicateNames = Images.GroupBy(i => i.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<GlanceImage>)g.ToArray())
            .ToArray();
    }

    /// <summary>The managed images whose bytes are verified (or that were made before the pending marker existed); what every planner works on.</summary>
    public IReadOnlyList<GlanceImage> Images { get; }

    /// <summary>Managed images whose bytes nobody verified: never adopted, never counted, never shown as a version's image.</summary>
    public IReadOnlyList<GlanceImage> Unverified => _unverified;

    /// <summary>Each unverified image with the definition it names (if given) and why it must stay, if it must (<see cref="UnverifiedImage.KeptBecause"/>).</summary>
    public IReadOnlyList<UnverifiedImage> Cleanup => _cleanup;

    /// <summary>Managed images no given definition claims.</summary>
    public IReadOnlyList<GlanceImage> Unmatched => _unmatched;

    /// <summary>Groups of managed images that share one name.</summary>
    public IReadOnlyList<IReadOnlyList<GlanceImage>> DuplicateNames { get; }

    /// <summary>
    /// The images of one version, best first: a usable status (active, deactivated) before a half-made
    /// one, then one not retired as a duplicate, then the best checksum evidence (Glance's own hash equals
    /// the declared checksum, then the recorded <c>upstream_checksum</c> does), then the newest. More than one means duplicates.
    /// </summary>
    public IReadOnlyList<GlanceImage> ForVersion(ImageDefinition definition, ImageVersion version) =>
        _byVersion.TryGetValue((definition.Name, version.Version), out var list)
            ? list.OrderBy(i => IsUsable(i) ? 0 : 1)
                .ThenBy(i => i.Properties.ContainsKey(DuplicateHealing.DuplicateOfKey) ? 1 : 0)
                .ThenByDescending(i => ChecksumEvidence(i, version))
                .ThenByDescending(i => i.CreatedAt)
                .ToArray()
            : [];

    /// <summary>Every image of a definition, including versions the YAML no longer lists (rotation's material).</summary>
    public IReadOnlyList<GlanceImage> ForDefinition(ImageDefinition definition) =>
        _byDefinition.TryGetValue(definition.Name, out var list) ? list : [];

    /// <summary>Images of a definition whose version the YAML no longer lists (or which name no version).</summary>
    public IReadOnlyList<GlanceImage> RetiredOf(ImageDefinition definition) =>
        ForDefinition(definition).Where(i => _matches[i.Id].Version is null).ToArray();

    /// <summary>How an image was matched, or null when no definition claims it.</summary>
    public ImageMatch? MatchOf(GlanceImage image) => _matches.GetValueOrDefault(image.Id);

    /// <summary>
    /// True when the image says which definition it belongs to (<c>image_name</c> or
    /// <c>image_description</c>), whether or not that definition was given to this run.
    /// </summary>
    public static bool NamesADefinition(GlanceImage image) =>
        image.Properties.ContainsKey(DesiredImage.ImageName) || image.Properties.ContainsKey(DesiredImage.ImageDescription);

    /// <summary>Usable: the import finished (a deactivated image is a finished one).</summary>
    public static bool IsUsable(GlanceImage image) => image.Status is "active" or "deactivated";

    /// <summary>
    /// Bytes nobody verified: the image carries the pending marker (a run created it and has not finished
    /// it), or its import failed (<c>killed</c>, or a store named in <c>os_glance_failed_import</c>).
    /// </summary>
    public static bool IsUnverified(GlanceImage image) =>
        image.Properties.ContainsKey(DesiredImage.PendingKey)
        || image.Status == "killed"
        || !string.IsNullOrWhiteSpace(image.Properties.GetValueOrDefault("os_glance_failed_import"));

    /// <summary>Why an unverified image must not be deleted now, or null when it is a leftover to delete.</summary>
    internal static string? CleanupBlocker(GlanceImage image, string? liveLeaseRunId)
    {
        if (image.Protected)
        {
            return "it is protected";
        }

        if (liveLeaseRunId is not null && image.Properties.GetValueOrDefault(DesiredImage.PendingKey) == liveLeaseRunId)
        {
            return $"run {liveLeaseRunId}, which holds the catalog lease, is still making it";
        }

        // Unverified bytes never become visible to others; should one be, only the rotation switches may remove it.
        return image.Visibility is "private" or "shared" ? null : $"it is {image.Visibility}";
    }

    /// <summary>2: Glance's own hash equals the declared checksum; 1: the recorded upstream checksum does; 0: no evidence.</summary>
    private static int ChecksumEvidence(GlanceImage image, ImageVersion version)
    {
        if (version.Checksum is not { } checksum)
        {
            return 0;
        }

        if (string.Equals(image.HashAlgorithm, checksum.Algorithm, StringComparison.OrdinalIgnoreCase)
            && string.Equals(image.HashValue, checksum.Value, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return string.Equals(image.Properties.GetValueOrDefault(DesiredImage.UpstreamChecksum), checksum.Value, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
    }

    private static void Add(Dictionary<string, List<GlanceImage>> index, string key, GlanceImage image)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(image);
    }
}

/// <summary>An unverified image, the definition it names (null when no given one), and why it stays (null: it is deleted).</summary>
public sealed record UnverifiedImage(GlanceImage Image, ImageMatch? Match, string? KeptBecause);

/// <summary>Which definition (and version, when the YAML still lists it) an image belongs to, and by which evidence.</summary>
public sealed record ImageMatch(ImageDefinition Definition, ImageVersion? Version, MatchEvidence Evidence);

public enum MatchEvidence
{
    /// <summary><c>image_name</c>/<c>image_description</c> and <c>internal_version</c>.</summary>
    Properties,

    /// <summary>The definition from properties, the version from the Glance name.</summary>
    PropertiesAndName,

    /// <summary>Only the Glance name (an image without the Python tool's properties).</summary>
    Name,
}
