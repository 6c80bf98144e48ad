using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Approved items cut into units of work: the items of one image form one group, applied in plan order by
/// one worker (Glance loses writes when one image gets concurrent updates). Groups run in four phases
/// (docs/plan-model.md, "Ordering rules"): changes to existing images, creates, the changes that wait for
/// a create (<see cref="ImageChange.After"/>: the former newest image giving up the bare name), and last the
/// groups that delete or that rotation deactivates (skipped when the run already had a failure). An image
/// may appear in two phases (what it needs now, and what waits for a create); never twice in one.
/// </summary>
internal static class PlanGroups
{
    public static IReadOnlyList<IReadOnlyList<ImageGroup>> Phases(IEnumerable<ImageChange> approved)
    {
        var groups = new List<ImageGroup>();
        var byKey = new Dictionary<string, ImageGroup>(StringComparer.Ordinal);
        foreach (var item in approved)
        {
            var key = KeyOf(item);
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = new ImageGroup(key);
                groups.Add(group);
            }

            group.Items.Add(item);
        }

        var now = new List<ImageGroup>();
        var creates = new List<ImageGroup>();
        var waiting = new List<ImageGroup>();
        var destructive = new List<ImageGroup>();
        foreach (var group in groups)
        {
            if (group.IsCreate)
            {
                creates.Add(group);
                continue;
            }

            var first = new ImageGroup(group.Key, group.Items.Where(i => i.After.Count == 0));
            var later = new ImageGroup(group.Key, group.Items.Where(i => i.After.Count > 0));
            if (first.Destructive)
            {
                // Its deactivation must come first of all its writes: the whole image goes last, as one unit.
                destructive.Add(group);
                continue;
            }

            if (first.Items.Count > 0)
            {
                now.Add(first);
            }

            if (later.Items.Count > 0)
            {
                (later.Destructive ? destructive : waiting).Add(later);
            }
        }

        return [now, creates, waiting, destructive];
    }

    /// <summary>Existing images by cloud and id; a create by cloud, definition and version (it has no id yet).</summary>
    private static string KeyOf(ImageChange item) =>
        item.Kind == ImageChangeKind.Create
            ? $"create\u0000{item.Cloud}\u0000{item.Region}\u0000{item.DefinitionName}\u0000{item.Version}\u0000{item.ImageName}"
            : $"image\u0000{item.Cloud}\u0000{item.Region}\u0000{item.ImageId ?? item.ImageName}";
}

internal sealed class ImageGroup(string key)
{
    public ImageGroup(string key, IEnumerable<ImageChange> items)
        : this(key) => Items.AddRange(items);

    public string Key { get; } = key;

    public List<ImageChange> Items { get; } = [];

    public bool IsCreate => Items.Any(i => i.Kind == ImageChangeKind.Create);

    /// <summary>
    /// Destructive: an item its planner marked so (a rotation's Deactivate, any Delete). Such groups run
    /// last and not at all after an error in the same run (docs/BEHAVIOUR.md, "Rotation and cleanup");
    /// a Delete counts even when a hand-made item forgot the flag.
    /// </summary>
    public bool Destructive => Items.Any(i => i.Destructive || i.Kind == ImageChangeKind.Delete);
}
