namespace OpenStackImageManager.Cli.Tests;

/// <summary>
/// The command line a cron job or the OSISM wrapper types must keep working: every option of the
/// Python tool is accepted, usage errors exit 2 like argparse/typer, and --version tells the build.
/// </summary>
public class CommandLineTests
{
    /// <summary>Every option of the Python tool's command line.</summary>
    public static TheoryData<string> PythonOptions() =>
    [
        "--cloud", "--images", "--tag", "--filter", "--dry-run", "--latest", "--keep", "--hide", "--deactivate",
        "--delete", "--yes-i-really-know-what-i-do", "--force", "--use-os-hidden", "--check", "--no-check",
        "--check-only", "--check-age", "--max-age", "--share-image", "--share-action", "--share-domain",
        "--share-target", "--share-type", "--prefetch", "--import-timeout", "--stuck-retry", "--debug",
    ];

    [Fact]
    public async Task VersionPrintsTheBuildVersion()
    {
        var result = await ToolProcess.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(ToolProcess.Version, result.StandardOutput.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PythonOptions))]
    public async Task HelpListsEveryOptionOfThePythonTool(string option)
    {
        var result = await ToolProcess.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionIsAUsageErrorWithExitCode2()
    {
        var result = await ToolProcess.RunAsync("--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task InvalidPrefetchValueIsAUsageError()
    {
        var result = await ToolProcess.RunAsync("--prefetch", "sometimes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sometimes", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonNumericImportTimeoutIsAUsageError()
    {
        var result = await ToolProcess.RunAsync("--import-timeout", "soon");

        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("--max-age", "0")]
    [InlineData("--import-timeout", "-5")]
    [InlineData("--filter", "([unclosed")]
    [InlineData("--share-action", "remove")]
    public async Task OutOfRangeValuesAreUsageErrorsNamingTheOption(string option, string value)
    {
        var result = await ToolProcess.RunAsync(option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option.TrimStart('-'), result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorThrottleLimitOutOfRangeIsAUsageError()
    {
        var result = await ToolProcess.RunAsync("mirror", "--throttle-limit", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--throttle-limit", result.StandardError, StringComparison.Ordinal);
    }
}
