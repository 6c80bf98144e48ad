namespace OpenStackImageManager.Models;

/// <summary>
/// The decisions of one planning run that its items still need when they are applied: every item of
/// one plan references the same instance. A plan applied later (<c>Compare-GlanceImage | Sync-GlanceImage</c>)
/// therefore behaves as the run that planned it, whatever the applying command's defaults are.
/// </summary>
public sealed record PlanSettings
{
    /// <summary>The settings of a run with every default: the default managed tag, Auto, Require.</summary>
    public static PlanSettings Default { get; } = new();

    /// <summary>The tag that marks managed images (-Tag / --tag); new images carry it.</summary>
    public string ManagedTag { get; init; } = DefaultManagedTag;

    /// <summary>The method that was asked for; each Create names the method it resolved to (<see cref="ImageChange.ImportMethod"/>).</summary>
    public ImportMethod ImportMethod { get; init; } = ImportMethod.Auto;

    /// <summary>What a declared checksum demands of each import of the plan.</summary>
    public ChecksumPolicy ChecksumPolicy { get; init; } = ChecksumPolicy.Require;

    /// <summary>The Python tool's default tag for managed images.</summary>
    public const string DefaultManagedTag = "managed_by_osism";

    public override string ToString() => $"tag {ManagedTag}, import {ImportMethod}, checksum {ChecksumPolicy}";
}
