namespace OpenStackImageManager.Cli.Tests;

/// <summary>
/// The command line a cron job or the OSISM wrapper types must keep working: every option of the
/// Python tool is accepted and usage errors exit 2 like argparse/typer. In process through
/// <see cref="InProcessTool"/>; <see cref="ToolProcessTests"/> starts the built tool once (--version, --help, a usage error).
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

    [Theory]
    [MemberData(nameof(PythonOptions))]
    public void HelpListsEveryOptionOfThePythonTool(string option)
    {
        var result = InProcessTool.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPrefetchValueIsAUsageError()
    {
        var result = InProcessTool.Run("--prefetch", "sometimes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sometimes", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNumericImportTimeoutIsAUsageError()
    {
        var result = InProcessTool.Run("--import-timeout", "soon");

        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("--max-age", "0")]
    [InlineData("--import-timeout", "-5")]
    [InlineData("--filter", "([unclosed")]
    [InlineData("--share-action", "remove")]
    public void OutOfRangeValuesAreUsageErrorsNamingTheOption(string option, string value)
    {
        var result = InProcessTool.Run(option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option.TrimStart('-'), result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void MirrorThrottleLimitOutOfRangeIsAUsageError()
    {
        var result = InProcessTool.Run("mirror", "--throttle-limit", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--throttle-limit", result.StandardError, StringComparison.Ordinal);
    }
}
