using OpenStackImageManager.Fault.Tests.Proxy;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>
/// The seeded schedules of the Glance fault trials. Fault kinds go round-robin over the trials (four per
/// trial), so a few trials cover all of them; the seed picks which request, of which kind, gets each.
/// </summary>
public static class FaultSchedules
{
    public const int RulesPerTrial = 4;

    private static readonly RequestKind[] Kinds =
        [RequestKind.TokenPost, RequestKind.List, RequestKind.Watch, RequestKind.Create, RequestKind.Stage, RequestKind.Import, RequestKind.Patch];

    /// <summary>A 401 is what an expired token gets mid-run: never on the token request itself.</summary>
    private static readonly RequestKind[] AfterToken =
        [RequestKind.List, RequestKind.Watch, RequestKind.Create, RequestKind.Stage, RequestKind.Import, RequestKind.Patch];

    public static int TrialSeed(int seed, int trial) => unchecked((seed * 397) ^ (trial * 7919));

    public static IReadOnlyList<FaultRule> ForTrial(int seed, int trial)
    {
        var random = new Random(TrialSeed(seed, trial));
        var faults = Enum.GetValues<FaultKind>();
        var rules = new List<FaultRule>();
        for (var j = 0; j < RulesPerTrial; j++)
        {
            var fault = faults[(trial * RulesPerTrial + j) % faults.Length];
            var kinds = fault == FaultKind.Unauthorized401 ? AfterToken : Kinds;
            var kind = kinds[random.Next(kinds.Length)];
            // The first token request and the first listing happen once per run; the others several times.
            var nth = kind is RequestKind.TokenPost or RequestKind.List ? 1 : random.Next(1, 3);
            while (rules.Any(r => r.Kind == kind && r.Nth == nth))
            {
                nth++;
            }

            rules.Add(new FaultRule(kind, nth, fault));
        }

        return rules;
    }
}
