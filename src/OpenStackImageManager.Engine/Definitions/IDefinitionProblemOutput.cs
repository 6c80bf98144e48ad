using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>Where a front end shows definition problems: its error channel and its warning channel.</summary>
public interface IDefinitionProblemOutput
{
    void Error(DefinitionProblem problem);

    void Warning(DefinitionProblem problem);
}
