using System.Collections.Concurrent;

namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>
/// One run's schedule for the proxies in front of Keystone and Glance: the faults by request kind and
/// number, an optional kill trigger, and the counts of what was seen and done. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<RequestKind, int> _seen = new();
    private readonly ConcurrentDictionary<FaultKind, int> _injected = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly HashSet<(RequestKind Kind, string Id)> _images = [];

    public FaultPlan(IEnumerable<FaultRule>? rules = null, KillTrigger? trigger = null)
    {
        Rules = [.. rules ?? []];
        Trigger = trigger;
    }

    /// <summary>A plan that passes everything through and only counts.</summary>
    public static FaultPlan PassThrough => new();

    public IReadOnlyList<FaultRule> Rules { get; }

    public KillTrigger? Trigger { get; }

    public IReadOnlyDictionary<RequestKind, int> Seen => _seen;

    public IReadOnlyDictionary<FaultKind, int> Injected => _injected;

    public int InjectedTotal => _injected.Values.Sum();

    /// <summary>Completes when the test has killed the tool: held requests are then dropped.</summary>
    internal Task Released => _release.Task;

    public void ReleaseHeld() => _release.TrySetResult();

    /// <summary>
    /// Counts the request (of the image <paramref name="imageId"/>, when it names one) and says what to do
    /// with it. A trigger with <see cref="KillTrigger.After"/> fires only for an image that already had a
    /// request of that kind (the import wait and the verification window are those of an imported image).
    /// </summary>
    internal (FaultKind? Fault, KillTrigger? Trigger) Decide(RequestKind kind, string? imageId = null)
    {
        lock (_gate)
        {
            var n = _seen.AddOrUpdate(kind, 1, (_, c) => c + 1);
            if (imageId is not null)
            {
                _images.Add((kind, imageId));
            }

            KillTrigger? trigger = null;
            if (Trigger is { } t && t.Kind == kind
                && (t.After is not { } after || (imageId is not null && _images.Contains((after, imageId))))
                && t.TryFire())
            {
                trigger = t;
            }

            var rule = Rules.FirstOrDefault(r => r.Kind == kind && (r.Nth == 0 || r.Nth == n));
            if (rule is not null && trigger is null)
            {
                _injected.AddOrUpdate(rule.Fault, 1, (_, c) => c + 1);
                return (rule.Fault, null);
            }

            return (null, trigger);
        }
    }
}
