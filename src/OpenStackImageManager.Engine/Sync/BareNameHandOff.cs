using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The bare name changes hands only once the new image works (docs/BEHAVIOUR.md, "Naming"): an item that
/// takes the name away from the image that holds it (<c>Name</c> → <c>Name (version)</c>) waits for the
/// Create of the same plan that gives the name to the new build (<see cref="ImageChange.After"/>). When that
/// Create fails, or is not approved, the old image keeps the name.
/// </summary>
internal static class BareNameHandOff
{
    /// <summary>
    /// <paramref name="items"/> with every Rename away from a name a Create of the same cloud and region gives
    /// its new image made to wait for that Create; the others as they are, in the same order.
    /// </summary>
    public static List<ImageChange> Link(IReadOnlyList<ImageChange> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var creates = items.Where(i => i.Kind == ImageChangeKind.Create).ToArray();
        var linked = new List<ImageChange>(items.Count);
        foreach (var item in items)
        {
            var takes = item is { Kind: ImageChangeKind.Rename, Image: { } image }
                ? creates.FirstOrDefault(c => c.Cloud == item.Cloud && c.Region == item.Region && FinalName(c) == image.Name && item.Target.Name != image.Name)
                : null;
            linked.Add(takes is null || item.After.Contains(takes) ? item : item.WaitingFor([takes], Note([takes])));
        }

        return linked;
    }

    /// <summary>The name a Create gives its image once it is imported and verified.</summary>
    public static string FinalName(ImageChange create) => create.Target.Name ?? create.ImageName;

    /// <summary>The -WhatIf note of an item that waits for <paramref name="creates"/>.</summary>
    public static string Note(IReadOnlyList<ImageChange> creates) =>
        creates.Count == 1
            ? $"only once the new image '{FinalName(creates[0])}' of version {creates[0].Version} is imported"
            : $"only once the new images of versions {string.Join(", ", creates.Select(c => c.Version))} are imported";
}
