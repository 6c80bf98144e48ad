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

    /// <summary>What the item gives the image, typed; the one thing the executor applies (the whole desired state for Create).</summary>
    public ImageTarget Target { get; init; } = ImageTarget.None;

    /// <summary>Old → new values for views, rendered from <see cref="Target"/> and the image as planned (never read back).</summary>
    public IReadOnlyList<PropertyChange> Changes => Target.ChangesFrom(Kind == ImageChangeKind.Create ? null : Image);

    /// <summary>The decisions of the run that planned the item (managed tag, import method asked for, checksum policy), shared by all its items.</summary>
    public PlanSettings Settings { get; init; } = PlanSettings.Default;

    /// <summary>For Create: how the bytes will reach Glance, resolved once while planning (never Auto).</summary>
    public ImportMethod? ImportMethod { get; init; }

    /// <summary>For Create: the URL the bytes come from first (mirror_url, else url), shown without user info or signature.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>
    /// Destructive: a Delete, or a deactivation rotation planned. Such items run last and are skipped
    /// when anything earlier in the same run failed. Set by the planner; a Delete is always treated so.
    /// </summary>
    public bool Destructive { get; init; }

    /// <summary>
    /// Items of the same plan this one waits for: it is applied only after each of them succeeded in the
    /// same run, and skipped when one failed or was not approved. Planners set it on what exists only
    /// because a new image arrives: the former newest image giving up the bare name (<c>Name</c> →
    /// <c>Name (version)</c>) after the Create that takes it, and an image pushed out of the keep window
    /// by that Create. Empty for everything else.
    /// </summary>
    public IReadOnlyList<ImageChange> After
    {
        get => _after;
        init => _after = value ?? [];
    }

    private IReadOnlyList<ImageChange> _after = [];

    /// <summary>Who planned it: <c>Sync</c>, <c>Rotation</c> or <c>Set</c>; for reading only, no rule depends on it.</summary>
    public string Planner { get; init; } = "Sync";

    /// <summary>
    /// The ShouldProcess/-WhatIf text, and the line the plan view shows. The engine renders it from
    /// <see cref="Target"/> (through <see cref="Changes"/>) when it makes the item, so what is asked is what is applied.
    /// </summary>
    public required string Description
    {
        get => _description;
        init => _description = value;
    }

    private string _description = string.Empty;

    /// <summary><c>+</c> create, <c>-</c> delete, <c>!</c> orphaned, <c>?</c> conflict (fails when applied), <c>~</c> any other change, <c>=</c> nothing.</summary>
    public string Symbol => Kind switch
    {
        ImageChangeKind.Create => "+",
        ImageChangeKind.Delete => "-",
        ImageChangeKind.Orphaned => "!",
        ImageChangeKind.Conflict => "?",
        ImageChangeKind.NoChange => "=",
        _ => "~",
    };

    /// <summary>The group the plan view shows the item under.</summary>
    public string Group => DefinitionName ?? "(no definition)";

    public override string ToString() => $"{Symbol} {Description}";

    /// <summary>
    /// This item, waiting for <paramref name="after"/>, its text extended by <paramref name="note"/>. A copy of
    /// every member, so the engine can link an item to a Create planned after it.
    /// </summary>
    internal ImageChange WaitingFor(IReadOnlyList<ImageChange> after, string note)
    {
        var copy = (ImageChange)MemberwiseClone();
        copy._after = [.. _after, .. after.Where(a => !_after.Contains(a))];
        copy._description = $"{_description} ({note})";
        return copy;
    }
}
