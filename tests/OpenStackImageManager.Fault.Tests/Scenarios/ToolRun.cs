using System.Diagnostics;
using System.Text;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>The outcome of one run of the tool.</summary>
public sealed record ToolResult(string Label, int? ExitCode, bool Killed, TimeSpan Duration, string Output, string Error)
{
    /// <summary>Plan lines of stdout (a dry run prints one per change).</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Outcome => Killed ? "killed" : $"exit {ExitCode}";

    public override string ToString() => $"[{Label}] {Outcome} in {Duration.TotalSeconds:0.0} s\n--- stdout\n{Output}\n--- stderr\n{Tail(Error, 6000)}";

    private static string Tail(string text, int length) => text.Length <= length ? text : "..." + text[^length..];
}

/// <summary>
/// One run of the built <c>openstack-image-manager</c> as a child process (<c>dotnet openstack-image-manager.dll</c>,
/// or the natively compiled tool of the linux-x64 package, the way a cron job runs it), so that a kill is a
/// real <c>kill -9</c>: no finally block, no cleanup.
/// </summary>
public sealed class ToolRun : IDisposable
{
    /// <summary>
    /// The tool next to the tests, or another build of it named by OIM_FAULT_TOOL: an assembly (run with
    /// dotnet) or a native executable (run as it is; the test run sets it to the Native AOT build on linux-x64).
    /// </summary>
    private static readonly string Tool = Environment.GetEnvironmentVariable("OIM_FAULT_TOOL") is { Length: > 0 } other
        ? other
        : Path.Combine(AppContext.BaseDirectory, "openstack-image-manager.dll");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _killed;

    private ToolRun(string label, string workingDirectory, string cloudsFile, IEnumerable<string> arguments)
    {
        Label = label;
        var native = !Tool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(native ? Tool : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (!native)
        {
            start.ArgumentList.Add(Tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The cloud comes from the suite's clouds.yaml only; never a proxy of the machine, never OS_* leftovers.
        foreach (var name in new[] { "OS_AUTH_URL", "OS_CLOUD", "OS_PASSWORD", "OS_TOKEN", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["OS_CLIENT_CONFIG_FILE"] = cloudsFile;
        start.Environment["NO_PROXY"] = "*";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Label { get; }

    public static ToolRun Start(string label, string workingDirectory, string cloudsFile, IEnumerable<string> arguments) =>
        new(label, workingDirectory, cloudsFile, arguments);

    /// <summary>SIGKILL, as <c>kill -9</c>: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        _killed = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already ended.
        }
    }

    public async Task<ToolResult> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
            _process.WaitForExit();
            return Result(timedOut: true);
        }

        _process.WaitForExit();
        return Result(timedOut: false);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private ToolResult Result(bool timedOut)
    {
        string output, error;
        lock (_output)
        {
            output = _output.ToString();
        }

        lock (_error)
        {
            error = _error.ToString() + (timedOut ? "\n[fault suite] the run did not end in time and was killed" : "");
        }

        return new ToolResult(Label, _killed ? null : _process.ExitCode, _killed, _clock.Elapsed, output, error);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
