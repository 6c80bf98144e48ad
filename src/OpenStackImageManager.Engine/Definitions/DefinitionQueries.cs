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
    /// Validates definitions already loaded (<c>Get-ImageDefinition | Test-ImageDefinition</c>): their
    /// files are read again, as they are now, with the same checks as <see cref="Run"/>, and the problems
    /// returned are those of these definitions' entries and of their files as a whole (syntax, a key
    /// outside any entry), each at its file:line:column. A definition whose entry is no longer where it
    /// was gets every problem of its file. One without a source file is a problem of its own.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(
        IReadOnlyList<ImageDefinition> definitions, bool strict, IReadOnlyList<string> standards, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<DefinitionProblem>();
        foreach (var orphan in definitions.Where(d => string.IsNullOrEmpty(d.SourceFile)))
        {
            problems.Add(new DefinitionProblem(string.Empty, 1, 1, ProblemSeverity.Error, string.Empty,
                $"definition '{Yaml.PrintableText.Escape(orphan.Name)}' has no source file to validate; pass the files with -Path"));
        }

        var files = definitions.Select(d => d.SourceFile).Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            return problems;
        }

        var load = Run(new DefinitionQuery { Paths = files, Strict = strict, IncludeDisabled = true, Standards = standards }, log, cancellationToken);
        foreach (var file in files)
        {
            var lines = definitions.Where(d => d.SourceFile == file).Select(d => d.SourceLine).ToHashSet();
            var entries = DefinitionFileReader.EntryLines(file, cancellationToken);
            var wanted = entries is null || lines.Any(l => !entries.Contains(l))
                ? null
                : Enumerable.Range(0, entries.Count).Where(i => lines.Contains(entries[i])).Select(i => $"images[{i}]").ToHashSet(StringComparer.Ordinal);
            problems.AddRange(load.Problems.Where(p => p.File == file && (wanted is null || BelongsTo(p.Key, wanted))));
        }

        return problems;
    }

    /// <summary>A problem with an <c>images[i]</c> key belongs to that entry; any other is the file's.</summary>
    private static bool BelongsTo(string key, HashSet<string> entries)
    {
        if (!key.StartsWith("images[", StringComparison.Ordinal))
        {
            return true;
        }

        var end = key.IndexOf(']', StringComparison.Ordinal);
        return end > 0 && entries.Contains(key[..(end + 1)]);
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
