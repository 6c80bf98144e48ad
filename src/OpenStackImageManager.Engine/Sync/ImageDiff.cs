using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The differences between an existing image and its desired state, one item per kind. Only what we
/// own is compared: foreign properties and tags stay, read-only ones are never named.
/// </summary>
internal static class ImageDiff
{
    public static IEnumerable<(ImageChangeKind Kind, ImageTarget Target)> Compare(GlanceImage image, DesiredImage desired)
    {
        // Rotation owns the name and os_purpose of an image it made oldgeneric.
        var oldGeneric = image.Properties.ContainsKey(DesiredImage.OldGenericKey);
        if (image.Name != desired.Name && !oldGeneric)
        {
            yield return (ImageChangeKind.Rename, new ImageTarget { Name = desired.Name });
        }

        var (set, removed) = PropertyChanges(image, desired);
        if (oldGeneric)
        {
            // os_purpose is rotation's on an image it made oldgeneric: neither set nor removed here.
            set = set.Where(p => p.Key != "os_purpose").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            removed = removed.Where(k => k != "os_purpose").ToArray();
        }

        if (set.Count > 0 || removed.Count > 0)
        {
            yield return (ImageChangeKind.UpdateProperties, new ImageTarget { Properties = set, RemovedProperties = removed });
        }

        var tags = DesiredTags(image, desired);
        if (!tags.ToHashSet(StringComparer.Ordinal).SetEquals(image.Tags))
        {
            yield return (ImageChangeKind.UpdateTags, new ImageTarget { Tags = tags });
        }

        var minDisk = desired.MinDiskFor(image.Size);
        if (minDisk != image.MinDisk)
        {
            yield return (ImageChangeKind.UpdateMinDisk, new ImageTarget { MinDisk = minDisk });
        }

        if (desired.MinRam != image.MinRam)
        {
            yield return (ImageChangeKind.UpdateMinRam, new ImageTarget { MinRam = desired.MinRam });
        }

        // Rotation owns the visibility, os_hidden and status of images it retired.
        if (image.Properties.ContainsKey(DesiredImage.RetiredKey))
        {
            yield break;
        }

        if (!string.Equals(desired.Visibility, image.Visibility, StringComparison.Ordinal))
        {
            yield return (ImageChangeKind.SetVisibility, new ImageTarget { Visibility = desired.Visibility });
        }

        if (desired.Hidden is { } hidden && hidden != image.Hidden)
        {
            yield return (ImageChangeKind.SetHidden, new ImageTarget { Hidden = hidden });
        }

        if (desired.Status == "deactivated" && image.Status == "active")
        {
            yield return (ImageChangeKind.Deactivate, new ImageTarget { Status = "deactivated" });
        }
        else if (desired.Status == "active" && image.Status == "deactivated")
        {
            yield return (ImageChangeKind.Reactivate, new ImageTarget { Status = "active" });
        }
    }

    /// <summary>Added or changed properties we own, and the ones we set earlier that the YAML dropped (present ones only).</summary>
    public static (IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Removed) PropertyChanges(GlanceImage image, DesiredImage desired)
    {
        var set = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired.Properties)
        {
            if (!image.Properties.TryGetValue(key, out var current) || current != value)
            {
                set[key] = value;
            }
        }

        var removed = Recorded(image, DesiredImage.ManagedKeys)
            .Where(key => !desired.Properties.ContainsKey(key) && image.Properties.ContainsKey(key) && !MetaSchema.IsReserved(key))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return (set, removed);
    }

    /// <summary>The image's tags with ours added and the ones we set earlier but no longer want removed.</summary>
    public static IReadOnlyList<string> DesiredTags(GlanceImage image, DesiredImage desired)
    {
        var dropped = Recorded(image, DesiredImage.ManagedTagsKey).Except(desired.Tags, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        return image.Tags.Where(t => !dropped.Contains(t)).Union(desired.Tags, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> Recorded(GlanceImage image, string key) =>
        image.Properties.TryGetValue(key, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}
