using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>What loading a catalog gave: the valid definitions and every problem found, in file order.</summary>
public sealed class DefinitionLoadResult(IReadOnlyList<string> files, IReadOnlyList<ImageDefinition> definitions, IReadOnlyList<DefinitionProblem> problems)
{
    /// <summary>The files read, in the order they were read.</summary>
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>Definitions without errors, in file order; a definition with an error is left out.</summary>
    public IReadOnlyList<ImageDefinition> Definitions { get; } = definitions;

    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
