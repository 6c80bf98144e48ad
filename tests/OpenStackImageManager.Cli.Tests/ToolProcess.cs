using System.Diagnostics;

namespace OpenStackImageManager.Cli.Tests;

/// <summary>The outcome of one run of the tool.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the built <c>openstack-image-manager</c> with <c>dotnet</c>, the way a user's shell does.</summary>
internal static class ToolProcess
{
    internal static string ToolAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "openstack-image-manager.dll");

    internal static async Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ToolAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    internal static Task<ToolResult> RunAsync(params string[] arguments) => RunAsync((IEnumerable<string>)arguments);
}
