using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// The definition query, the one entry point Get-ImageDefinition, Test-ImageDefinition and the
/// command line (main job, validate, table, mirror) read definitions through; and what the rest of a
/// run learns from the definitions it is given.
/// </summary>
public static class DefinitionQueries
{
    /// <summary>Loads, validates and selects. Never throws for bad input: every fault is a problem.</summary>
    public static DefinitionQueryResult Run(DefinitionQuery query, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var paths = query.Paths.Count == 0 && query.UnresolvedPaths == 0 ? [Defaults.ImagesDirectory] : query.Paths;
        var load = paths.Count == 0
            ? new DefinitionLoadResult([], [], [])
            : DefinitionLoader.Load(paths, query.Strict, query.Standards, DateTimeOffset.UtcNow, log, cancellationToken);
        var errors = load.Problems.Count(p => p.Severity == ProblemSeverity.Error) + query.UnresolvedPaths;
        var warnings = load.Problems.Count(p => p.Severity == ProblemSeverity.Warning);
        var filter = query.Filter is null ? null : DefinitionQuery.CompileFilter(query.Filter);
        var names = query.Names.Select(n => new NamePattern(n)).ToArray();
        var selected = DefinitionSelection.Select(load.Definitions, filter, query.IncludeDisabled)
            .Where(d => names.Length == 0 || names.Any(p => p.IsMatch(d.Name)))
            .ToArray();
        var disabled = query.IncludeDisabled ? 0 : load.Definitions.Count(d => !d.Enable);
        var summary = new DefinitionLoadSummary(errors, warnings, query.Latest)
        {
            DisabledCount = disabled,
            FilteredOutCount = Math.Max(0, load.Definitions.Count - disabled - selected.Length),
        };
        foreach (var definition in load.Definitions)
        {
            definition.LoadSummary = summary;
        }

        return new DefinitionQueryResult(load, selected, summary);
    }

    /// <summary>
    /// Whether any of these definitions came from a load with errors: then the run deletes and
    /// deactivates nothing. Read from the definitions, never from the host's error list.
    /// </summary>
    public static bool HadErrors(IEnumerable<ImageDefinition> definitions) =>
        definitions.Any(d => d.LoadSummary is { HadErrors: true });

    /// <summary>
    /// What the queries these definitions came from left out (disabled, filtered out), each query
    /// counted once, for a plan's summary line.
    /// </summary>
    public static (int Disabled, int FilteredOut) LeftOut(IEnumerable<ImageDefinition> definitions)
    {
        var loads = definitions.Select(d => d.LoadSummary).OfType<DefinitionLoadSummary>()
            .Distinct(ReferenceEqualityComparer.Instance).Cast<DefinitionLoadSummary>().ToList();
        return (loads.Sum(l => l.DisabledCount), loads.Sum(l => l.FilteredOutCount));
    }

    /// <summary>Whether latest was asked for when any of these definitions was loaded.</summary>
    public static bool LatestOnly(IEnumerable<ImageDefinition> definitions) =>
        definitions.Any(d => d.LoadSummary is { LatestOnly: true });
}
