using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// The keep window of one definition: how many of its newest images stay as the definition says
/// (<c>-Keep</c>, else <c>uuid_validity: last-N</c>, else <see cref="RotationPolicy.DefaultKeep"/>), and which
/// versions missing in the cloud fall inside it. The sync planner imports only those (docs/BEHAVIOUR.md,
/// "Rotation and cleanup"): an image rotation would retire in the same run is never made, and a version
/// rotation deleted is never made again. One rule for the sync planner and rotation, so their timelines agree.
/// </summary>
internal sealed class KeepWindow
{
    private readonly HashSet<string> _missing;
    private readonly HashSet<string> _admitted;

    private KeepWindow(int size, HashSet<string> missing, HashSet<string> admitted)
    {
        Size = size;
        _missing = missing;
        _admitted = admitted;
    }

    /// <summary>How many of the newest images stay as the definition says.</summary>
    public int Size { get; }

    /// <summary>The size for <paramref name="definition"/>: <paramref name="keep"/> (-Keep), else its <c>uuid_validity: last-N</c>, else 3.</summary>
    public static int SizeOf(ImageDefinition definition, int? keep)
    {
        var validity = UuidValidity.Of(definition);
        return keep ?? (validity.Kind == UuidValidityKind.LastN ? validity.LastN : RotationPolicy.DefaultKeep);
    }

    /// <summary>
    /// The window of <paramref name="definition"/> over its images in <paramref name="inventory"/> and every listed
    /// version without a usable image (as if all of them were created). A missing version is admitted when it is
    /// among the newest <see cref="Size"/> entries; <c>multi: false</c> admits every version it lists (it keeps them all).
    /// </summary>
    public static KeepWindow For(ImageDefinition definition, ImageInventory inventory, int? keep)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inventory);
        var size = SizeOf(definition, keep);
        var missing = definition.Versions
            .Where(v => !inventory.ForVersion(definition, v).Any(ImageInventory.IsUsable))
            .Select(v => v.Version)
            .ToHashSet(StringComparer.Ordinal);
        if (!definition.Multi)
        {
            return new KeepWindow(size, missing, missing);
        }

        var timeline = RotationTimeline.For(definition, inventory, v => missing.Contains(v.Version));
        var admitted = timeline.Take(size)
            .Where(e => e.Image is null && e.Version is not null)
            .Select(e => e.Version!.Version)
            .ToHashSet(StringComparer.Ordinal);
        return new KeepWindow(size, missing, admitted);
    }

    /// <summary>
    /// Whether a new image of <paramref name="version"/> may be imported: a missing version inside the window, or a
    /// version whose image is there and is replaced by a new build (it holds its place in the window already).
    /// </summary>
    public bool Admits(ImageVersion version) => !_missing.Contains(version.Version) || _admitted.Contains(version.Version);

    /// <summary>The plan's line for a version that is not imported.</summary>
    public string NotImported(ImageDefinition definition, ImageVersion version) =>
        $"{version.GlanceName} ({definition.Name} version {version.Version}): not imported: beyond the keep window of {Size} (newer images of {definition.Name} fill it)";
}
