namespace OpenStackImageManager.Cli.Tests;

/// <summary>
/// The built tool as a process, the way cron jobs and CI start it: it starts, answers --version and --help on
/// stdout with exit 0, and a usage error with exit 2 on stderr. Everything else runs in process (<see cref="InProcessTool"/>).
/// </summary>
public class ToolProcessTests
{
    [Fact]
    public async Task The_built_tool_starts_prints_version_and_help_and_exits_0_or_2()
    {
        var version = await ToolProcess.RunAsync("--version");
        var help = await ToolProcess.RunAsync("--help");
        var usage = await ToolProcess.RunAsync("--no-such-option");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(TestPaths.Version, version.StandardOutput.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--images", help.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--no-such-option", usage.StandardError, StringComparison.Ordinal);
        Assert.Empty(usage.StandardOutput);
    }
}
