using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>The answer to a <see cref="DefinitionQuery"/>: the selected definitions and every problem of the load.</summary>
public sealed class DefinitionQueryResult(DefinitionLoadResult load, IReadOnlyList<ImageDefinition> selected, DefinitionLoadSummary summary)
{
    /// <summary>Every valid definition of the files, selected or not (the table lists them all).</summary>
    public DefinitionLoadResult Load { get; } = load;

    /// <summary>The valid definitions the query selects, in file order, each carrying <see cref="Summary"/>.</summary>
    public IReadOnlyList<ImageDefinition> Definitions { get; } = selected;

    public IReadOnlyList<DefinitionProblem> Problems => Load.Problems;

    public DefinitionLoadSummary Summary { get; } = summary;

    public bool HadErrors => Summary.HadErrors;
}
