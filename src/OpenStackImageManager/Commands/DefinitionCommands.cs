using System.Management.Automation;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>What the definition cmdlets share: the engine's problem report written as error records and warnings, and the -Filter check.</summary>
internal static class DefinitionCommands
{
    public static void WriteProblems(Cmdlet cmdlet, IEnumerable<DefinitionProblem> problems) =>
        DefinitionProblemReport.Write(problems, new CmdletProblemOutput(cmdlet));

    /// <summary>An invalid -Filter ends the command before anything is read, with the engine's options and message.</summary>
    public static void ValidateFilter(PSCmdlet cmdlet, string? filter)
    {
        if (filter is null)
        {
            return;
        }

        try
        {
            _ = DefinitionQuery.CompileFilter(filter);
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidFilter", ErrorCategory.InvalidArgument, filter));
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

    private sealed class CmdletProblemOutput(Cmdlet cmdlet) : IDefinitionProblemOutput
    {
        public void Error(DefinitionProblem problem) => CiOutput.WriteError(cmdlet, ToErrorRecord(problem));

        public void Warning(DefinitionProblem problem) => cmdlet.WriteWarning(problem.ToString());
    }
}
