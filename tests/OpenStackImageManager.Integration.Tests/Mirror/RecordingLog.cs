using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Integration.Tests.Mirror;

/// <summary>Keeps every message the engine sends, for assertions (secrets, resume notes, progress).</summary>
public sealed class RecordingLog : IOperationLog
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<OperationProgress> ProgressRecords { get; } = new();

    public void Verbose(string message) => Messages.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => Messages.Enqueue("DEBUG: " + message);

    public void Warning(string message) => Messages.Enqueue("WARNING: " + message);

    public void Progress(OperationProgress progress)
    {
        ProgressRecords.Enqueue(progress);
        Messages.Enqueue("PROGRESS: " + progress.Activity + " " + progress.Status);
    }

    public string All => string.Join('\n', Messages);
}
