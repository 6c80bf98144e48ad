namespace OpenStackImageManager.Models;

/// <summary>
/// What a plan does to one image as a whole, the way a summary counts it: several items for one image
/// (properties, tags, visibility) are one image to change, not three.
/// </summary>
public enum ImageChangeCategory
{
    Unchanged,

    Create,

    Change,

    Hide,

    Deactivate,

    Delete,

    Orphaned,
}
