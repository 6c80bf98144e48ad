using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The project's managed images, read once per run and indexed the way docs/BEHAVIOUR.md ("Identity") names
/// them: by definition (<c>image_name</c>, else <c>image_description</c>), by version
/// (<c>internal_version</c>), with the Glance name as the fallback for images that carry neither.
/// Images of the Python tool carry these properties, so they are adopted as they are.
/// </summary>
public sealed class ImageInventory
{
    private readonly Dictionary<(string Definition, string Version), List<GlanceImage>> _byVersion = new();
    private readonly Dictionary<string, List<GlanceImage>> _byDefinition = new(StringComparer.Ordinal);
    private readonly List<GlanceImage> _unmatched = [];
    private readonly Dictionary<string, ImageMatch> _matches = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="images"/> (already filtered to managed ones) against <paramref name="definitions"/>.</summary>
    public ImageInventory(IEnumerable<GlanceImage> images, IReadOnlyList<ImageDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(definitions);
        Images = images.ToArray();
        var index = new DefinitionIndex(definitions);
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

    public IReadOnlyList<GlanceImage> Images { get; }

    /// <summary>Managed images no given definition claims.</summary>
    public IReadOnlyList<GlanceImage> Unmatched => _unmatched;

    /// <summary>Groups of managed images that share one name.</summary>
    public IReadOnlyList<IReadOnlyList<GlanceImage>> DuplicateNames { get; }

    /// <summary>
    /// The images of one version, best first: a usable status (active, deactivated) before a half-made
    /// one, then the newest. More than one means duplicates.
    /// </summary>
    public IReadOnlyList<GlanceImage> ForVersion(ImageDefinition definition, ImageVersion version) =>
        _byVersion.TryGetValue((definition.Name, version.Version), out var list)
            ? list.OrderBy(i => IsUsable(i) ? 0 : 1).ThenByDescending(i => i.CreatedAt).ToArray()
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

    private static void Add(Dictionary<string, List<GlanceImage>> index, string key, GlanceImage image)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(image);
    }
}

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
