using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Loads image definitions from files and directories: one pass that reads, validates, names and
/// cross-checks, and never throws for bad input (every fault becomes a positioned problem).
/// </summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Load and validate. <paramref name="paths"/> are files or directories (their <c>*.yml</c> and
    /// <c>*.yaml</c>). With <paramref name="strict"/>, warnings are reported as errors and the
    /// definitions they are in are dropped.
    /// </summary>
    public static DefinitionLoadResult Load(IEnumerable<string> paths, bool strict, IOperationLog log, CancellationToken cancellationToken) =>
        Load(paths, strict, YamlReadLimits.Default, log, cancellationToken);

    /// <summary>
    /// Load and validate, then judge the valid definitions by <paramref name="standards"/> (e.g.
    /// <c>scs-0102</c>) as of <paramref name="now"/>: each finding is a problem at the key that decides it.
    /// </summary>
    public static DefinitionLoadResult Load(
        IEnumerable<string> paths, bool strict, IReadOnlyList<string> standards, DateTimeOffset now, IOperationLog log, CancellationToken cancellationToken) =>
        Load(paths, strict, YamlReadLimits.Default, log, cancellationToken, standards, now);

    internal static DefinitionLoadResult Load(
        IEnumerable<string> paths, bool strict, YamlReadLimits limits, IOperationLog log, CancellationToken cancellationToken,
        IReadOnlyList<string>? standards = null, DateTimeOffset? now = null)
    {
        var sinks = new Dictionary<string, ProblemSink>(StringComparer.Ordinal);
        ProblemSink SinkFor(string file) => sinks.TryGetValue(file, out var sink) ? sink : sinks[file] = new ProblemSink(file) { Strict = strict };

        var files = ExpandPaths(paths, SinkFor);
        var loaded = new List<LoadedDefinition>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.Verbose($"Reading image definitions from {file}");
            var sink = SinkFor(file);
            var definitions = DefinitionFileReader.Read(file, sink, limits, cancellationToken);
            loaded.AddRange(strict ? definitions.Where(d => !HasWarning(sink, d)) : definitions);
        }

        var kept = CatalogChecks.RemoveConflicts(loaded, SinkFor);
        if (standards is { Count: > 0 })
        {
            CatalogCompliance.Check(kept, standards, now ?? DateTimeOffset.UtcNow, SinkFor);
        }

        var problems = sinks.Values
            .SelectMany(s => s.Problems)
            .Select(p => strict ? p.AsError() : p)
            .OrderBy(p => Array.IndexOf(files, p.File) is var i && i < 0 ? -1 : i)
            .ThenBy(p => p.Line)
            .ThenBy(p => p.Column)
            .ToArray();
        return new DefinitionLoadResult(files, kept.Select(d => d.Definition).ToArray(), problems);
    }

    /// <summary>
    /// Validates the text of one definition file before it is written: the same checks as
    /// <see cref="Load(IEnumerable{string}, bool, IOperationLog, CancellationToken)"/> for that file alone,
    /// with <paramref name="file"/> as the name in problems and definitions.
    /// </summary>
    public static DefinitionLoadResult LoadText(string file, string text, CancellationToken cancellationToken)
    {
        var sink = new ProblemSink(file);
        var loaded = DefinitionFileReader.ReadText(text, sink, YamlReadLimits.Default, cancellationToken);
        var kept = CatalogChecks.RemoveConflicts(loaded, _ => sink);
        return new DefinitionLoadResult([file], kept.Select(d => d.Definition).ToArray(), sink.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToArray());
    }

    /// <summary>
    /// Files in a deterministic order: the given order, each directory's files sorted by ordinal name.
    /// A file named twice is read once. A missing path is a problem, not an exception.
    /// </summary>
    internal static string[] ExpandPaths(IEnumerable<string> paths, Func<string, ProblemSink> sinkFor)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
            {
                found = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                    .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal);
            }
            else if (File.Exists(path))
            {
                found = [path];
            }
            else
            {
                sinkFor(path).Error(1, 1, string.Empty, "no such file or directory");
                continue;
            }

            foreach (var file in found)
            {
                if (seen.Add(Path.GetFullPath(file)))
                {
                    files.Add(file);
                }
            }
        }

        return files.ToArray();
    }

    private static bool HasWarning(ProblemSink sink, LoadedDefinition definition) =>
        sink.Problems.Any(p => p.Severity == ProblemSeverity.Warning
                               && (p.Key == definition.KeyPath || p.Key.StartsWith(definition.KeyPath + ".", StringComparison.Ordinal)));
}
