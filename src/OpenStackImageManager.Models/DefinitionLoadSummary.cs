namespace OpenStackImageManager.Models;

/// <summary>
/// What the rest of a run must know about the load that produced a definition: whether it had errors
/// (then nothing is deleted or deactivated, because definitions that failed to load are missing from
/// the input) and whether only the newest version of multi definitions is to be imported. It travels
/// with every definition of the load, so the answer does not depend on $Error or -ErrorAction. It also
/// counts what the query left out (disabled, filtered out), for the plan's summary line.
/// </summary>
public sealed class DefinitionLoadSummary
{
    public DefinitionLoadSummary(int errorCount, int warningCount, bool latestOnly)
    {
        ErrorCount = errorCount;
        WarningCount = warningCount;
        LatestOnly = latestOnly;
    }

    /// <summary>Errors of the load: invalid definitions, unreadable files, paths that did not resolve.</summary>
    public int ErrorCount { get; }

    public int WarningCount { get; }

    public bool HadErrors => ErrorCount > 0;

    /// <summary>
    /// Latest was asked for: for <c>multi: true</c> definitions only the newest version is imported when
    /// missing. The older versions stay in the definition, so they are still reconciled and rotated.
    /// </summary>
    public bool LatestOnly { get; }

    /// <summary>
    /// Definitions of the load the query left out because they have <c>enable: false</c> (zero when
    /// disabled ones were asked for); a plan's summary line counts them.
    /// </summary>
    public int DisabledCount { get; init; }

    /// <summary>Definitions of the load that a name or filter of the query did not match.</summary>
    public int FilteredOutCount { get; init; }

    public override string ToString() => $"{ErrorCount} error(s), {WarningCount} warning(s){(LatestOnly ? ", latest only" : string.Empty)}";
}
