using System.Globalization;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The differences between an existing image and its desired state, one item per kind. Only what we
/// own is compared: foreign properties and tags stay, read-only ones are never named.
/// </summary>
internal static class ImageDiff
{
    public static IEnumerable<(ImageChangeKind Kind, IReadOnlyList<PropertyChange> Changes)> Compare(GlanceImage image, DesiredImage desired)
    {
        // Rotation owns the name and os_purpose of an image it made oldgeneric.
        var oldGeneric = image.Properties.ContainsKey(DesiredImage.OldGenericKey);
        if (image.Name != desired.Name && !oldGeneric)
        {
            yield return (ImageChangeKind.Rename, [new("name", image.Name, desired.Name)]);
        }

        var properties = PropertyChanges(image, desired).Where(p => !oldGeneric || p.Name != "os_purpose").ToArray();
        if (properties.Length > 0)
        {
            yield return (ImageChangeKind.UpdateProperties, properties);
        }

        var tags = DesiredTags(image, desired);
        if (!tags.ToHashSet(StringComparer.Ordinal).SetEquals(image.Tags))
        {
            yield return (ImageChangeKind.UpdateTags, [new("tags", Join(image.Tags), Join(tags))]);
        }

        var minDisk = desired.MinDiskFor(image.Size);
        if (minDisk != image.MinDisk)
        {
            yield return (ImageChangeKind.UpdateMinDisk, [new("min_disk", Text(image.MinDisk), Text(minDisk))]);
        }

        if (desired.MinRam != image.MinRam)
        {
            yield return (ImageChangeKind.UpdateMinRam, [new("min_ram", Text(image.MinRam), Text(desired.MinRam))]);
        }

        // Rotation owns the visibility, os_hidden and status of images it retired.
        if (image.Properties.ContainsKey(DesiredImage.RetiredKey))
        {
            yield break;
        }

        if (!string.Equals(desired.Visibility, image.Visibility, StringComparison.Ordinal))
        {
            yield return (ImageChangeKind.SetVisibility, [new("visibility", image.Visibility, desired.Visibility)]);
        }

        if (desired.Hidden is { } hidden && hidden != image.Hidden)
        {
            yield return (ImageChangeKind.SetHidden, [new("os_hidden", Bool(image.Hidden), Bool(hidden))]);
        }

        if (desired.Status == "deactivated" && image.Status == "active")
        {
            yield return (ImageChangeKind.Deactivate, [new("status", image.Status, "deactivated")]);
        }
        else if (desired.Status == "active" && image.Status == "deactivated")
        {
            yield return (ImageChangeKind.Reactivate, [new("status", image.Status, "active")]);
        }
    }

    /// <summary>Added or changed properties we own, then the ones we set earlier that the YAML dropped.</summary>
    public static IEnumerable<PropertyChange> PropertyChanges(GlanceImage image, DesiredImage desired)
    {
        foreach (var (key, value) in desired.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!image.Properties.TryGetValue(key, out var current) || current != value)
            {
                yield return new PropertyChange(key, current, value);
            }
        }

        foreach (var key in Recorded(image, DesiredImage.ManagedKeys))
        {
            if (!desired.Properties.ContainsKey(key) && image.Properties.TryGetValue(key, out var current) && !MetaSchema.IsReserved(key))
            {
                yield return new PropertyChange(key, current, null);
            }
        }
    }

    /// <summary>The image's tags with ours added and the ones we set earlier but no longer want removed.</summary>
    public static IReadOnlyList<string> DesiredTags(GlanceImage image, DesiredImage desired)
    {
        var dropped = Recorded(image, DesiredImage.ManagedTagsKey).Except(desired.Tags, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        return image.Tags.Where(t => !dropped.Contains(t)).Union(desired.Tags, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> Recorded(GlanceImage image, string key) =>
        image.Properties.TryGetValue(key, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    internal static string Join(IEnumerable<string> tags) => string.Join(",", tags.Order(StringComparer.Ordinal));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
