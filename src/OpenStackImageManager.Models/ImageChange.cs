namespace OpenStackImageManager.Models;

/// <summary>
/// One item of a plan: one change to one Glance image, with everything needed to show it, approve it
/// and apply it. Compare-GlanceImage (and Invoke-ImageRotation) produce them; Sync-GlanceImage applies
/// them. <see cref="Description"/> is the ShouldProcess/-WhatIf text, used verbatim.
/// </summary>
public sealed class ImageChange
{
    public required ImageChangeKind Kind { get; init; }

    /// <summary>The definition the image belongs to; null for an orphaned image nobody claims.</summary>
    public string? DefinitionName { get; init; }

    /// <summary>The version label (<c>20240603</c>, <c>latest</c>); null when unknown.</summary>
    public string? Version { get; init; }

    /// <summary>The definition itself, so the executor can compute what a new image must carry.</summary>
    public ImageDefinition? Definition { get; init; }

    public ImageVersion? ImageVersion { get; init; }

    /// <summary>The Glance name the image has after this change (the new name for Rename).</summary>
    public required string ImageName { get; init; }

    /// <summary>The image's id; null for Create unless the version fixes one.</summary>
    public string? ImageId { get; init; }

    /// <summary>The image as the plan read it; null for Create.</summary>
    public GlanceImage? Image { get; init; }

    public string? Cloud { get; init; }

    public string? Region { get; init; }

    /// <summary>The session the plan was made with; Sync-GlanceImage applies through it unless told otherwise.</summary>
    public OpenStackSession? Session { get; init; }

    /// <summary>Old → new values (properties, and tags/min_disk/min_ram/visibility/os_hidden/status/name for their kinds).</summary>
    public IReadOnlyList<PropertyChange> Changes { get; init; } = [];

    /// <summary>For Create: how the bytes will reach Glance.</summary>
    public ImportMethod? ImportMethod { get; init; }

    /// <summary>For Create: the URL the bytes come from first (mirror_url, else url).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Who planned it: <c>Sync</c> (Compare-GlanceImage) or <c>Rotation</c> (Invoke-ImageRotation).</summary>
    public string Planner { get; init; } = "Sync";

    /// <summary>
    /// The tag that marks managed images in the run that planned this item (-Tag / --tag), so that
    /// applying a plan later (Compare-GlanceImage -Tag X | Sync-GlanceImage) tags and finds images the
    /// same way. Set by the engine when it plans.
    /// </summary>
    public string? ManagedTag { get; internal set; }

    /// <summary>The ShouldProcess/-WhatIf text, and the line the plan view shows.</summary>
    public required string Description { get; init; }

    /// <summary><c>+</c> create, <c>-</c> delete, <c>!</c> orphaned, <c>~</c> any other change, <c>=</c> nothing.</summary>
    public string Symbol => Kind switch
    {
        ImageChangeKind.Create => "+",
        ImageChangeKind.Delete => "-",
        ImageChangeKind.Orphaned => "!",
        ImageChangeKind.NoChange => "=",
        _ => "~",
    };

    /// <summary>The group the plan view shows the item under.</summary>
    public string Group => DefinitionName ?? "(no definition)";

    public override string ToString() => $"{Symbol} {Description}";
}
