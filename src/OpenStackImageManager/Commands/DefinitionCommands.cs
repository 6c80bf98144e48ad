using System.Management.Automation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>What the definition cmdlets share: how a problem becomes an error record or a warning.</summary>
internal static class DefinitionCommands
{
    public static void WriteProblems(Cmdlet cmdlet, IEnumerable<DefinitionProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                CiOutput.WriteError(cmdlet, ToErrorRecord(problem));
            }
            else
            {
                cmdlet.WriteWarning(problem.ToString());
            }
        }
    }

    /// <summary>
    /// A syntax-level fault (no key) is a parser error; a wrong value is invalid data. The problem
    /// itself is the target object, so <c>$Error[0].TargetObject.Line</c> works.
    /// </summary>
    public static ErrorRecord ToErrorRecord(DefinitionProblem problem) =>
        new(new InvalidDataException(problem.ToString()),
            problem.Key.Length == 0 ? "ImageDefinitionUnreadable" : "ImageDefinitionInvalid",
            problem.Key.Length == 0 ? ErrorCategory.ParserError : ErrorCategory.InvalidData,
            problem);
}
