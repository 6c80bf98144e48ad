using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.TestSupport;

/// <summary>
/// The operation log of the tests: keeps every message the engine sends, to check what a user would see with
/// -Verbose, -Debug and warnings (and that no secret is in it).
/// </summary>
public sealed class CollectingLog : IOperationLog
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _debug = new();
    private readonly ConcurrentQueue<OperationProgress> _progress = new();

    /// <summary>Every message in order, prefixed as PowerShell shows them: "VERBOSE: ", "DEBUG: ", "WARNING: ", "PROGRESS: ".</summary>
    public IReadOnlyList<string> Messages => _messages.ToArray();

    public IReadOnlyList<string> Warnings => _warnings.ToArray();

    public IReadOnlyList<string> DebugLines => _debug.ToArray();

    public IReadOnlyList<OperationProgress> ProgressRecords => _progress.ToArray();

    /// <summary>All messages, one a line.</summary>
    public string Text => string.Join('\n', _messages);

    public void Verbose(string message) => _messages.Enqueue("VERBOSE: " + message);

    public void Debug(string message)
    {
        _debug.Enqueue(message);
        _messages.Enqueue("DEBUG: " + message);
    }

    public void Warning(string message)
    {
        _warnings.Enqueue(message);
        _messages.Enqueue("WARNING: " + message);
    }

    public void Progress(OperationProgress progress)
    {
        _progress.Enqueue(progress);
        _messages.Enqueue("PROGRESS: " + progress.Activity + " " + progress.Status);
    }
}
