using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// One definition's images, newest first: the images of the versions the YAML lists, the images of
/// versions it no longer lists ("retired"), and versions about to be created by a sync planned in the
/// same run. Built from the cloud's current state (the inventory) and the YAML only.
/// </summary>
internal static class RotationTimeline
{
    public static IReadOnlyList<TimelineEntry> For(ImageDefinition definition, ImageInventory inventory, IReadOnlyList<ImageChange> planned) =>
        For(definition, inventory, version => CreateOf(definition, version, planned) is not null);

    /// <summary>The timeline when the versions <paramref name="creating"/> says are about to be created.</summary>
    public static IReadOnlyList<TimelineEntry> For(ImageDefinition definition, ImageInventory inventory, Func<ImageVersion, bool> creating)
    {
        var entries = new List<TimelineEntry>();
        foreach (var version in definition.Versions)
        {
            var image = inventory.ForVersion(definition, version).FirstOrDefault(ImageInventory.IsUsable);
            if (creating(version))
            {
                entries.Add(new TimelineEntry(version.Version, null, version, Retired: false));
                if (image is not null)
                {
                    // A new upstream build of `latest` replaces this image: it steps aside under its own version.
                    entries.Add(new TimelineEntry(ImageNaming.VersionOf(definition, image), image, null, Retired: true));
                }
            }
            else if (image is not null)
            {
                entries.Add(new TimelineEntry(version.Version, image, version, Retired: false));
            }
        }

        foreach (var image in inventory.RetiredOf(definition).Where(ImageInventory.IsUsable))
        {
            entries.Add(new TimelineEntry(ImageNaming.VersionOf(definition, image), image, null, Retired: true));
        }

        return entries
            .OrderByDescending(e => e.Label, NaturalVersionComparer.Instance)
            .ThenByDescending(e => e.Image is null ? DateTimeOffset.MaxValue : e.Image.CreatedAt ?? DateTimeOffset.MinValue)
            .ToArray();
    }

    /// <summary>The Create item <paramref name="planned"/> holds for <paramref name="version"/>, or null.</summary>
    public static ImageChange? CreateOf(ImageDefinition definition, ImageVersion version, IReadOnlyList<ImageChange> planned) =>
        planned.FirstOrDefault(p => p.Kind == ImageChangeKind.Create && p.DefinitionName == definition.Name && p.Version == version.Version);

    /// <summary>The Glance name of an entry at <paramref name="rank"/> (0 = newest) of the timeline.</summary>
    public static string NameOf(ImageDefinition definition, TimelineEntry entry, int rank) =>
        !definition.Multi && entry.Version is { } version
            ? version.GlanceName
            // The newest image there is (or is about to be) takes the bare name; the others carry their version.
            : ImageNaming.GlanceName(definition, entry.Label, isCurrent: rank == 0);
}

/// <summary>One image of a definition (or a version about to be created: <see cref="Image"/> null).</summary>
internal sealed record TimelineEntry(string Label, GlanceImage? Image, ImageVersion? Version, bool Retired);
