using System.Globalization;
using System.Text;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>The figures of a run of the suite, written as markdown after every scenario (so a crash keeps what was done).</summary>
public static class FaultReport
{
    private static readonly List<ScenarioFigures> Scenarios = [];
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    public static void Add(ScenarioFigures figures)
    {
        lock (Scenarios)
        {
            Scenarios.Add(figures);
            Write();
        }
    }

    private static void Write()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# Fault suite figures").AppendLine();
        text.AppendLine(inv, $"Seed {FaultSettings.Seed} (OIM_FAULT_SEED), {FaultSettings.Trials} seeded Glance fault trials (OIM_FAULT_TRIALS); started {Started:yyyy-MM-dd HH:mm} UTC.").AppendLine();
        var converged = Scenarios.Count(s => s.Converged);
        text.AppendLine(inv, $"- scenarios: {Scenarios.Count}, converged with every invariant held: {converged}, not: {Scenarios.Count - converged}");
        text.AppendLine(inv, $"- faults injected: {Scenarios.Sum(s => s.InjectedTotal)}; requests through the proxies: {Scenarios.Sum(s => s.Requests)}");
        text.AppendLine(inv, $"- dry runs after the clean reruns: {Scenarios.Count(s => s.DryRunLines is not null)}, of them empty: {Scenarios.Count(s => s.DryRunLines == 0)}");
        text.AppendLine(inv, $"- wall time: {(DateTimeOffset.UtcNow - Started).TotalSeconds:0} s since the suite started (the test classes run side by side; the scenarios' own times add up to {Scenarios.Sum(s => s.Duration.TotalSeconds):0} s)").AppendLine();

        text.AppendLine("## Faults injected by kind").AppendLine();
        text.AppendLine("| fault | count |").AppendLine("|---|---:|");
        foreach (var group in Scenarios.SelectMany(s => s.Injected).GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(inv, $"| {group.Key} | {group.Sum(p => p.Value)} |");
        }

        text.AppendLine().AppendLine("## Violations by kind (after the faulty run and after the clean rerun)").AppendLine();
        text.AppendLine("| invariant broken | count |").AppendLine("|---|---:|");
        foreach (var kind in Enum.GetValues<ViolationKind>())
        {
            text.AppendLine(inv, $"| {kind} | {Scenarios.Sum(s => s.Violations.Count(v => v.Kind == kind))} |");
        }

        text.AppendLine().AppendLine("## Scenarios").AppendLine();
        text.AppendLine("| scenario | seed | faults | requests | runs | dry run after sync | outcome | time |").AppendLine("|---|---:|---:|---:|---|---:|---|---:|");
        foreach (var s in Scenarios)
        {
            var outcome = s.Converged ? "converged" : $"NOT converged: {s.Violations[0].Kind}";
            text.AppendLine(inv, $"| {s.Name} | {s.Seed} | {s.InjectedTotal} | {s.Requests} | {string.Join("; ", s.Runs)} | {(s.DryRunLines is { } n ? $"{n} lines" : "not run")} | {outcome} | {s.Duration.TotalSeconds:0.0} s |");
        }

        text.AppendLine().AppendLine("## Schedules and first violations").AppendLine();
        foreach (var s in Scenarios)
        {
            text.AppendLine(inv, $"- **{s.Name}**: {(s.Schedule.Count == 0 ? "no proxy faults" : string.Join("; ", s.Schedule))}; injected: {(s.Injected.Count == 0 ? "none" : string.Join(", ", s.Injected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")))}");
            foreach (var violation in s.Violations.Take(5))
            {
                text.AppendLine(inv, $"  - {violation.ToString().Replace("|", "\\|", StringComparison.Ordinal)}");
            }

            if (s.Violations.Count > 5)
            {
                text.AppendLine(inv, $"  - ... and {s.Violations.Count - 5} more");
            }
        }

        var file = FaultSettings.ResultsFile;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.ToString());
    }
}
