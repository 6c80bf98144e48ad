using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The engine's messages on stderr, one line each, with a timestamp and level like the Python tool's
/// log (<c>time | level | message</c>). Debug lines (requests: method, path, status, duration, request
/// id; secrets already masked by the engine) only with --debug. Thread-safe: imports run in parallel.
/// </summary>
internal sealed class ConsoleLog(TextWriter error, bool debug, TimeProvider? clock = null) : IOperationLog, IDefinitionProblemOutput
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public int Warnings { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Where an error's CI annotation goes (stdout) when running in GitHub Actions or Azure Pipelines; null for none.</summary>
    public TextWriter? Annotations { get; init; }

    public void Verbose(string message) => Write("INFO", message);

    public void Debug(string message)
    {
        if (debug)
        {
            Write("DEBUG", message);
        }
    }

    public void Warning(string message)
    {
        Write("WARNING", message);
        lock (_gate)
        {
            Warnings++;
        }
    }

    public void Error(string message)
    {
        Write("ERROR", message);
        lock (_gate)
        {
            Errors++;
            if (Annotations is not null && Engine.Reporting.CiReporter.FromEnvironment()?.ErrorAnnotation("openstack-image-manager", message) is { } annotation)
            {
                Annotations.WriteLine(annotation);
            }
        }
    }

    public void Error(DefinitionProblem problem) => Error(problem.ToString());

    public void Warning(DefinitionProblem problem) => Warning(problem.ToString());

    /// <summary>Progress bars make no sense in a log; a finished activity is worth one debug line.</summary>
    public void Progress(OperationProgress progress)
    {
        if (progress.Completed)
        {
            Debug($"{progress.Activity}: {progress.Status}");
        }
    }

    private void Write(string level, string message)
    {
        var stamp = _clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            foreach (var line in message.Split('\n'))
            {
                error.WriteLine($"{stamp} | {level,-7} | {line.TrimEnd('\r')}");
            }
        }
    }
}
