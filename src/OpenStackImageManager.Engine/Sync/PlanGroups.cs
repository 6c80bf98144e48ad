using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Approved items cut into units of work: all items of one image form one group, applied in plan
/// order by one worker (Glance loses writes when one image gets concurrent updates). Groups run in
/// three phases: changes to existing images, then creates, then groups that delete or that rotation
/// deactivates (skipped when the run already had a failure).
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

        return
        [
            groups.Where(g => !g.IsCreate && !g.Destructive).ToArray(),
            groups.Where(g => g.IsCreate).ToArray(),
            groups.Where(g => !g.IsCreate && g.Destructive).ToArray(),
        ];
    }

    /// <summary>Existing images by cloud and id; a create by cloud, definition and version (it has no id yet).</summary>
    private static string KeyOf(ImageChange item) =>
        item.Kind == ImageChangeKind.Create
            ? $"create\u0000{item.Cloud}\u0000{item.Region}\u0000{item.DefinitionName}\u0000{item.Version}\u0000{item.ImageName}"
            : $"image\u0000{item.Cloud}\u0000{item.Region}\u0000{item.ImageId ?? item.ImageName}";
}

internal sealed class ImageGroup(string key)
{
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
