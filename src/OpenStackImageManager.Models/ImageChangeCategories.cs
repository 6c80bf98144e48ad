namespace OpenStackImageManager.Models;

/// <summary>
/// Sorts plan items into one <see cref="ImageChangeCategory"/> per image, for summaries: the strongest
/// thing that happens to the image wins (a delete over a hide over a property change).
/// </summary>
public static class ImageChangeCategories
{
    /// <summary>The category of each image the plan touches, in plan order.</summary>
    public static IEnumerable<ImageChangeCategory> PerImage(IEnumerable<ImageChange> plan) =>
        plan.GroupBy(KeyOf).Select(group => group.Select(Of).Max());

    /// <summary>The category of one item on its own.</summary>
    public static ImageChangeCategory Of(ImageChange item) => item.Kind switch
    {
        ImageChangeKind.NoChange => ImageChangeCategory.Unchanged,
        ImageChangeKind.Create => ImageChangeCategory.Create,
        ImageChangeKind.Delete => ImageChangeCategory.Delete,
        ImageChangeKind.Orphaned => ImageChangeCategory.Orphaned,
        ImageChangeKind.Deactivate => ImageChangeCategory.Deactivate,
        ImageChangeKind.SetHidden when item.Target.Hidden == true => ImageChangeCategory.Hide,
        ImageChangeKind.SetVisibility when string.Equals(item.Target.Visibility, "community", StringComparison.OrdinalIgnoreCase) => ImageChangeCategory.Hide,
        _ => ImageChangeCategory.Change,
    };

    /// <summary>One image: its id, or for a Create (no id yet) its definition, version and name.</summary>
    public static string KeyOf(ImageChange item) =>
        $"{item.Cloud}\u0000{item.Region}\u0000{item.ImageId ?? $"{item.DefinitionName}\u0000{item.Version}\u0000{item.ImageName}"}";
}
