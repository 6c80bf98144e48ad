namespace OpenStackImageManager.Engine.Hosting;

/// <summary>
/// How the engine talks back to whoever runs it (a cmdlet, the CLI, a test). Implementations must
/// be thread-safe: engine work runs on pool threads. A cmdlet queues the messages and writes them on
/// the pipeline thread; the CLI writes them to stderr. Messages never contain secrets: the engine
/// redacts them before calling in here.
/// </summary>
public interface IOperationLog
{
    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);

    void Progress(OperationProgress progress);
}

/// <summary>
/// One progress update. <see cref="PercentComplete"/> is -1 when unknown; <see cref="BytesDone"/> and
/// <see cref="BytesTotal"/> let an overall bar add up the bytes of its parts (null when none or unknown).
/// </summary>
public sealed record OperationProgress(
    int ActivityId,
    string Activity,
    string Status,
    int PercentComplete = -1,
    bool Completed = false,
    int ParentActivityId = -1,
    long? BytesDone = null,
    long? BytesTotal = null);

/// <summary>A log that drops everything; for callers that want none.</summary>
public sealed class NullOperationLog : IOperationLog
{
    public static readonly NullOperationLog Instance = new();

    private NullOperationLog()
    {
    }

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public void Progress(OperationProgress progress)
    {
    }
}
