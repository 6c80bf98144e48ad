using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Which definitions a run works on, as Get-ImageDefinition and every command of the command line
/// ask for them. The meaning of each part is decided once, in <see cref="DefinitionQueries"/>.
/// </summary>
public sealed record DefinitionQuery
{
    /// <summary>Files or directories (their <c>*.yml</c>, <c>*.yaml</c>); empty means <see cref="Defaults.ImagesDirectory"/>.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Wildcard patterns (<c>*</c>, <c>?</c>, <c>[a-z]</c>) matched against the whole name, case-insensitive; empty: every name.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>A regular expression searched (unanchored, case-sensitive, as the Python tool) in the name.</summary>
    public string? Filter { get; init; }

    /// <summary>Also definitions with <c>enable: false</c> (<c>-IncludeDisabled</c>, <c>--force</c>).</summary>
    public bool IncludeDisabled { get; init; }

    /// <summary>Import only the newest version of <c>multi: true</c> definitions; see <see cref="Models.DefinitionLoadSummary.LatestOnly"/>.</summary>
    public bool Latest { get; init; }

    /// <summary>Warnings count as errors.</summary>
    public bool Strict { get; init; }

    /// <summary>Standards (e.g. <c>scs-0102</c>) each valid definition is also judged by, as a sync would create its images.</summary>
    public IReadOnlyList<string> Standards { get; init; } = [];

    /// <summary>Paths the front end could not resolve (it reported them); they make the load one with errors.</summary>
    public int UnresolvedPaths { get; init; }

    /// <summary>
    /// The <see cref="Filter"/> as the engine uses it; one set of options for every front end. Throws
    /// <see cref="ArgumentException"/> with the parser's message for an invalid expression.
    /// </summary>
    public static Regex CompileFilter(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
