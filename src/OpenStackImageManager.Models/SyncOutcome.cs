namespace OpenStackImageManager.Models;

/// <summary>How one plan item ended.</summary>
public enum SyncOutcome
{
    /// <summary>Applied.</summary>
    Succeeded,

    /// <summary>Nothing to apply (NoChange, Orphaned) or declined by ShouldProcess.</summary>
    Skipped,

    /// <summary>Failed; an error record says why and nothing half-made was left behind.</summary>
    Failed,
}
