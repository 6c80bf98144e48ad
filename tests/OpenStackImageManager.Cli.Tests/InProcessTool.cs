using OpenStackImageManager.Cli;

namespace OpenStackImageManager.Cli.Tests;

/// <summary>
/// <c>openstack-image-manager</c> run in this process through <c>Program.Run(args, out, err)</c>, the entry
/// point <c>Main</c> calls: the same parsing, commands and exit codes without starting a process per case.
/// That the built tool starts as a process is <see cref="ToolProcessTests"/>' business.
/// </summary>
internal static class InProcessTool
{
    internal static ToolResult Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, output, error);
        return new ToolResult(exit, output.ToString(), error.ToString());
    }

    internal static ToolResult Run(IEnumerable<string> args) => Run(args.ToArray());
}
