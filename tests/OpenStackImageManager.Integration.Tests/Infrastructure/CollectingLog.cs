using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>An operation log that keeps every message, to check what a user would see with -Verbose/-Debug.</summary>
public sealed class CollectingLog : IOperationLog
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public string Text => string.Join(Environment.NewLine, _messages);

    public void Verbose(string message) => _messages.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => _messages.Enqueue("DEBUG: " + message);

    public void Warning(string message) => _messages.Enqueue("WARNING: " + message);

    public void Progress(OperationProgress progress)
    {
    }
}
