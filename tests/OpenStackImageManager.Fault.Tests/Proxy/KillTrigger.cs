namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>
/// The first request of <see cref="Kind"/> (with <see cref="After"/>: the first for an image that already had
/// a request of that kind) is held at <see cref="Point"/>, and <see cref="Reached"/> completes so the test can kill the tool.
/// </summary>
public sealed class KillTrigger(string moment, RequestKind kind, RequestKind? after, KillPoint point)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fired;

    public string Moment { get; } = moment;

    public RequestKind Kind { get; } = kind;

    public RequestKind? After { get; } = after;

    public KillPoint Point { get; } = point;

    public Task Reached => _reached.Task;

    /// <summary>True once, for the request that fires the trigger.</summary>
    internal bool TryFire() => Interlocked.Exchange(ref _fired, 1) == 0;

    internal void Fire() => _reached.TrySetResult();

    public override string ToString() => After is null ? $"{Moment} ({Point} of the first {Kind})" : $"{Moment} ({Point} of the first {Kind} of an image that had a {After})";
}
