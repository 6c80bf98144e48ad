namespace OpenStackImageManager.Models;

/// <summary>What one plan item does to one Glance image. docs/plan-model.md describes each kind.</summary>
public enum ImageChangeKind
{
    /// <summary>The image is as the definition says; nothing to send.</summary>
    NoChange,

    /// <summary>A new image: create (with the version's fixed id when given), import, wait, then set everything.</summary>
    Create,

    /// <summary>Properties to add, change or remove (only properties this tool owns).</summary>
    UpdateProperties,

    UpdateTags,

    UpdateMinDisk,

    UpdateMinRam,

    SetVisibility,

    /// <summary>Glance's <c>os_hidden</c>.</summary>
    SetHidden,

    Deactivate,

    Reactivate,

    /// <summary>A new Glance name (rotation of <c>multi: true</c> definitions).</summary>
    Rename,

    /// <summary>Delete the image (rotation; or a half-made image).</summary>
    Delete,

    /// <summary>A managed image no definition claims (or a duplicate): reported, never changed by a sync.</summary>
    Orphaned,

    /// <summary>Glance's <c>protected</c> flag (Set-GlanceImage -Protected).</summary>
    SetProtected,

    /// <summary>
    /// The image cannot be made to match its definition without a decision the plan was not given (its
    /// declared checksum changed and re-importing was not asked for): nothing is sent, and applying the
    /// item fails, so the run fails instead of keeping unverified bytes in silence.
    /// </summary>
    Conflict,
}
