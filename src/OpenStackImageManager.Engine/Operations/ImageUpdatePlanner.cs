using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Operations;

/// <summary>
/// Set-GlanceImage's request as plan items, the same kind of change sync and rotation make, so it is
/// approved, ordered and sent by the one executor (one JSON patch, the one order of <see cref="ImageWrites"/>).
/// Only what differs from the image becomes an item; what may not be changed is refused before anything is sent.
/// </summary>
internal static class ImageUpdatePlanner
{
    public const string PlannerName = "Set";

    public static IReadOnlyList<ImageChange> Plan(OpenStackSession session, GlanceImage image, ImageChangeRequest change)
    {
        var items = new List<ImageChange>();
        void Add(ImageChangeKind kind, ImageTarget target) =>
            items.Add(ImageChanges.ForImage(kind, session, image, null, null, target, PlanSettings.Default, PlannerName));

        if (change.Name is { } name && name != image.Name)
        {
            Add(ImageChangeKind.Rename, new ImageTarget { Name = name });
        }

        var set = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in change.Properties)
        {
            EnsureWritable(image, key);
            if (!image.Properties.TryGetValue(key, out var current) || current != value)
            {
                set[key] = value;
            }
        }

        var removed = new List<string>();
        foreach (var key in change.RemoveProperties.Distinct(StringComparer.Ordinal))
        {
            EnsureWritable(image, key);
            // Only present keys: Glance answers 409 for the removal of a missing one.
            if (image.Properties.ContainsKey(key) && !change.Properties.ContainsKey(key))
            {
                removed.Add(key);
            }
        }

        if (set.Count > 0 || removed.Count > 0)
        {
            Add(ImageChangeKind.UpdateProperties, new ImageTarget { Properties = set, RemovedProperties = removed });
        }

        var tags = image.Tags.Union(change.Tags, StringComparer.Ordinal).Except(change.RemoveTags, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (!tags.ToHashSet(StringComparer.Ordinal).SetEquals(image.Tags))
        {
            Add(ImageChangeKind.UpdateTags, new ImageTarget { Tags = tags });
        }

        if (change.Visibility is { } visibility && !string.Equals(visibility, image.Visibility, StringComparison.OrdinalIgnoreCase))
        {
            Add(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = visibility.ToLowerInvariant() });
        }

        if (change.MinDisk is { } minDisk && minDisk != image.MinDisk)
        {
            Add(ImageChangeKind.UpdateMinDisk, new ImageTarget { MinDisk = minDisk });
        }

        if (change.MinRam is { } minRam && minRam != image.MinRam)
        {
            Add(ImageChangeKind.UpdateMinRam, new ImageTarget { MinRam = minRam });
        }

        if (change.Protected is { } isProtected && isProtected != image.Protected)
        {
            Add(ImageChangeKind.SetProtected, new ImageTarget { Protected = isProtected });
        }

        if (change.Hidden is { } hidden && hidden != image.Hidden)
        {
            Add(ImageChangeKind.SetHidden, new ImageTarget { Hidden = hidden });
        }

        if (StatusKindFor(image, change.Status) is { } statusKind)
        {
            Add(statusKind, new ImageTarget { Status = statusKind == ImageChangeKind.Deactivate ? "deactivated" : "active" });
        }

        return items;
    }

    /// <summary>
    /// A property Set-GlanceImage may set or remove: not a core attribute (it has its own parameter) and
    /// not one Glance owns (os_hash_*, os_glance_*, stores, owner_specified.*, ...), by the same rule
    /// that refuses them in a definition's meta (<see cref="Definitions.MetaSchema.IsReserved"/>).
    /// </summary>
    private static void EnsureWritable(GlanceImage image, string key)
    {
        if (ImageJson.CoreAttributes.Contains(key))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"'{key}' is an image attribute, not a property; use its own parameter") { Target = image.Id };
        }

        if (Definitions.MetaSchema.IsReserved(key))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"'{key}' is owned by Glance (a read-only property) and is never set or removed") { Target = image.Id };
        }
    }

    private static ImageChangeKind? StatusKindFor(GlanceImage image, string? status)
    {
        if (status is null || string.Equals(status, image.Status, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var wanted = status.ToLowerInvariant();
        if (wanted is not ("active" or "deactivated"))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"status '{status}' cannot be set; use Active or Deactivated") { Target = image.Id };
        }

        if (image.Status is not ("active" or "deactivated"))
        {
            throw new OpenStackException(
                OpenStackErrorKind.InvalidRequest,
                $"image '{image.Name}' ({image.Id}) is {image.Status}; only an active image can be deactivated and only a deactivated one reactivated")
            { Target = image.Id };
        }

        return wanted == "deactivated" ? ImageChangeKind.Deactivate : ImageChangeKind.Reactivate;
    }
}
