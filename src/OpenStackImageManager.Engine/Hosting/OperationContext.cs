namespace OpenStackImageManager.Engine.Hosting;

/// <summary>
/// The log of the operation that is running now. HTTP handlers live as long as a session and serve many
/// cmdlet calls, so they cannot hold a log; the call sets it here and it flows with the async context.
/// </summary>
internal static class OperationContext
{
    private static readonly AsyncLocal<IOperationLog?> s_log = new();

    public static IOperationLog Log => s_log.Value ?? NullOperationLog.Instance;

    /// <summary>Sets the log for the current async flow until the returned scope is disposed.</summary>
    public static IDisposable Use(IOperationLog log)
    {
        var previous = s_log.Value;
        s_log.Value = log;
        return new Scope(previous);
    }

    private sealed class Scope(IOperationLog? previous) : IDisposable
    {
        public void Dispose() => s_log.Value = previous;
    }
}
