using OpenStackImageManager.Fault.Tests.Proxy;
using OpenStackImageManager.Fault.Tests.Upstream;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>What one scenario did and found, for the figures file.</summary>
public sealed class ScenarioFigures(string name, int seed)
{
    public string Name { get; } = name;

    public int Seed { get; } = seed;

    public List<string> Schedule { get; } = [];

    public Dictionary<string, int> Injected { get; } = new(StringComparer.Ordinal);

    public int Requests { get; set; }

    public List<string> Runs { get; } = [];

    public int? DryRunLines { get; set; }

    public List<Violation> Violations { get; } = [];

    public TimeSpan Duration { get; set; }

    public bool Converged => Violations.Count == 0;

    public int InjectedTotal => Injected.Values.Sum();

    public void Count(FaultPlan plan)
    {
        foreach (var (kind, count) in plan.Injected)
        {
            Injected[kind.ToString()] = Injected.GetValueOrDefault(kind.ToString()) + count;
        }

        foreach (var (kind, count) in plan.Seen)
        {
            Requests += count;
        }

        if (plan.Trigger is { } trigger && trigger.Reached.IsCompleted)
        {
            Injected["Kill9"] = Injected.GetValueOrDefault("Kill9") + 1;
        }
    }

    public void Count(IReadOnlyDictionary<UpstreamFault, int> upstream)
    {
        foreach (var (kind, count) in upstream)
        {
            Injected["upstream " + kind] = Injected.GetValueOrDefault("upstream " + kind) + count;
        }
    }
}
