using System.Diagnostics;

namespace OpenStackImageManager.Integration.Tests.Cli;

/// <summary>The outcome of one run of the tool.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the built <c>openstack-image-manager</c> as a process, the way a cron job does.</summary>
internal static class CliProcess
{
    private static readonly string s_tool = Path.Combine(AppContext.BaseDirectory, "openstack-image-manager.dll");

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), arguments);

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(s_tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The cloud comes from clouds.yaml (OS_CLIENT_CONFIG_FILE of the test cloud), never from OS_* leftovers.
        start.Environment.Remove("OS_AUTH_URL");
        start.Environment.Remove("OS_CLOUD");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
