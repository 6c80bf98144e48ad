using System.Diagnostics;
using OpenStackImageManager.Fault.Tests.Cloud;
using OpenStackImageManager.Fault.Tests.Proxy;
using Xunit.Abstractions;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>
/// One scenario from its catalog to its verdict: the runs it makes, every output (searched for secrets),
/// the violations found after the faulty runs and after the clean rerun, the figures. The scenario's images
/// are deleted at the end whatever happened.
/// </summary>
public sealed class ScenarioRun : IAsyncDisposable
{
    // Beyond the import timeout the suite gives the tool (170 s), so only a hung run reaches it.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    private readonly FaultSuiteFixture _suite;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ToolResult> _results = [];

    public ScenarioRun(FaultSuiteFixture suite, ITestOutputHelper output, string name, int seed)
    {
        _suite = suite;
        _output = output;
        Figures = new ScenarioFigures(name, seed);
        var id = $"{Guid.NewGuid():N}"[..8];
        Catalog = new ScenarioCatalog(id, suite.Work, suite.Upstream, seed);
        suite.Upstream.Healthy = false;
        suite.Upstream.Injected.Clear();
        suite.Cloud.Use(FaultPlan.PassThrough);
        _output.WriteLine($"scenario {name}: seed {seed} (OIM_FAULT_SEED={FaultSettings.Seed}), tag {Catalog.Tag}");
    }

    public ScenarioCatalog Catalog { get; }

    public ScenarioFigures Figures { get; }

    public FaultCloud Cloud => _suite.Cloud;

    /// <summary>Ids of the converged baseline's images (their versions stay in the YAML: they must survive).</summary>
    public HashSet<string> Baseline { get; } = new(StringComparer.Ordinal);

    /// <summary>Bare names that exist on a working image since the baseline and must stay so through any fault.</summary>
    public List<string> BareNames { get; } = [];

    /// <summary>Writes the catalog and converges it with a clean run; its images become the baseline.</summary>
    public async Task BaselineAsync()
    {
        Catalog.Write();
        var result = await RunAsync("baseline", FaultCloud.DirectCloud);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The baseline run failed, so the scenario cannot start:\n{result}");
        }

        foreach (var image in await Cloud.ImagesAsync(Catalog.Tag))
        {
            Baseline.Add(image.Id);
        }

        BareNames.AddRange(Catalog.Definitions.Where(d => d.Multi && d.Versions.Count > 0).Select(d => d.Name));
    }

    /// <summary>One run of the tool against <paramref name="cloud"/>, to its end.</summary>
    public async Task<ToolResult> RunAsync(string label, string cloud, params string[] extra)
    {
        using var run = Start(label, cloud, extra);
        return Keep(await run.WaitAsync(RunLimit));
    }

    public ToolRun Start(string label, string cloud, params string[] extra) =>
        ToolRun.Start(label, Catalog.Directory, Cloud.CloudsFile, Catalog.Arguments(cloud, extra));

    public ToolResult Keep(ToolResult result)
    {
        lock (_results)
        {
            _results.Add(result);
        }

        Figures.Runs.Add($"{result.Label}: {result.Outcome}, {result.Duration.TotalSeconds:0.0} s");
        _output.WriteLine(result.ToString());
        return result;
    }

    /// <summary>A run through the proxies under <paramref name="plan"/>; with a kill trigger the tool is killed (SIGKILL) when the proxy reaches it.</summary>
    public async Task<ToolResult> FaultyRunAsync(string label, FaultPlan plan)
    {
        Figures.Schedule.AddRange(plan.Rules.Select(r => r.ToString()));
        if (plan.Trigger is { } t)
        {
            Figures.Schedule.Add("kill -9 " + t);
        }

        Cloud.Use(plan);
        try
        {
            using var run = Start(label, FaultCloud.FaultyCloud, "--debug");
            if (plan.Trigger is { } trigger)
            {
                var ended = run.WaitAsync(RunLimit);
                var first = await Task.WhenAny(trigger.Reached, ended);
                if (first == trigger.Reached)
                {
                    run.Kill();
                    plan.ReleaseHeld();
                    var result = Keep(await ended);
                    var leases = await Cloud.ExpireLeasesAsync(Catalog.Tag);
                    if (leases > 0)
                    {
                        Figures.Schedule.Add($"the killed run's catalog lease ended by the suite ({leases}), standing in for its duration passing");
                    }

                    return result;
                }
                else
                {
                    Figures.Violations.Add(new(ViolationKind.KillPointNotReached, $"the run ended before the proxy saw {trigger}"));
                }

                return Keep(await ended);
            }

            return Keep(await run.WaitAsync(RunLimit));
        }
        finally
        {
            plan.ReleaseHeld();
            Figures.Count(plan);
            Cloud.Use(FaultPlan.PassThrough);
        }
    }

    /// <summary>The invariants that hold after any run, even a failed or killed one.</summary>
    public async Task CheckAtAllTimesAsync(string after)
    {
        var images = await Cloud.ImagesAsync(Catalog.Tag);
        foreach (var violation in StateCheck.AtAllTimes(Catalog, images, BareNames))
        {
            Figures.Violations.Add(violation with { Detail = $"after {after}: {violation.Detail}" });
        }
    }

    /// <summary>The end of every scenario: faults off, upstream healthy, a clean rerun, the state check and a dry run that plans nothing.</summary>
    public async Task CleanRerunAndCheckAsync()
    {
        _suite.Upstream.Healthy = true;
        Figures.Count(_suite.Upstream.Injected);
        Cloud.Use(FaultPlan.PassThrough);
        var clean = await RunAsync("clean rerun", FaultCloud.DirectCloud);
        if (clean.ExitCode != 0)
        {
            Figures.Violations.Add(new(ViolationKind.ExitCode, $"the clean rerun exited {clean.Outcome}: {LastLines(clean.Error)}"));
        }

        var images = await Cloud.ImagesAsync(Catalog.Tag);
        foreach (var violation in StateCheck.Converged(Catalog, images, Baseline))
        {
            Figures.Violations.Add(violation with { Detail = $"after the clean rerun: {violation.Detail}" });
        }

        var dry = await RunAsync("dry run", FaultCloud.DirectCloud, "--dry-run");
        Figures.DryRunLines = dry.OutputLines.Length;
        if (dry.ExitCode != 0 || dry.OutputLines.Length != 0)
        {
            Figures.Violations.Add(new(ViolationKind.PlanNotEmpty, $"the dry run after the clean rerun ({dry.Outcome}) plans: {string.Join(" | ", dry.OutputLines.Take(5))}"));
        }

        CheckSecrets();
    }

    /// <summary>Fails the test with every violation found (the figures are written first).</summary>
    public void Verdict()
    {
        Figures.Duration = _clock.Elapsed;
        FaultReport.Add(Figures);
        if (Figures.Violations.Count > 0)
        {
            Assert.Fail($"{Figures.Name} (OIM_FAULT_SEED={Figures.Seed}, tag {Catalog.Tag}): {Figures.Violations.Count} invariant(s) broken; first: {Figures.Violations[0]}\n"
                + string.Join("\n", Figures.Violations.Select(v => "  " + v)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cloud.Use(FaultPlan.PassThrough);
        _suite.Upstream.Healthy = false;
        await Cloud.DeleteAllAsync(Catalog.Tag);
    }

    private void CheckSecrets()
    {
        var secrets = new[] { Cloud.Password }.Concat(Cloud.Tokens.Where(t => t.Length >= 16)).ToArray();
        foreach (var result in _results)
        {
            foreach (var secret in secrets)
            {
                if (result.Output.Contains(secret, StringComparison.Ordinal) || result.Error.Contains(secret, StringComparison.Ordinal))
                {
                    Figures.Violations.Add(new(ViolationKind.SecretInOutput, $"the output of '{result.Label}' contains {(secret == Cloud.Password ? "the password" : "a token")}"));
                }
            }
        }
    }

    private static string LastLines(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
}
