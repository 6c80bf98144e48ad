using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>Definition problems as <c>file:line:column: severity: message</c> lines, for commands whose output they are (validate, table).</summary>
internal sealed class ProblemLines(TextWriter writer) : IDefinitionProblemOutput
{
    public void Error(DefinitionProblem problem) => writer.WriteLine(problem.ToString());

    public void Warning(DefinitionProblem problem) => writer.WriteLine(problem.ToString());
}
