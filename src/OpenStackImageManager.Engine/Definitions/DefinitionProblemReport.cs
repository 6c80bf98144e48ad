using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// The one way definition problems become output, for every front end and command: each problem once,
/// in file order, an error to the error channel, a warning to the warning channel (never dropped).
/// </summary>
public static class DefinitionProblemReport
{
    public static void Write(IEnumerable<DefinitionProblem> problems, IDefinitionProblemOutput output)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                output.Error(problem);
            }
            else
            {
                output.Warning(problem);
            }
        }
    }
}
