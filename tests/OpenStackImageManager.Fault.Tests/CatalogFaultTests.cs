using OpenStackImageManager.Fault.Tests.Cloud;
using OpenStackImageManager.Fault.Tests.Proxy;
using OpenStackImageManager.Fault.Tests.Scenarios;
using OpenStackImageManager.Fault.Tests.Upstream;
using Xunit.Abstractions;

namespace OpenStackImageManager.Fault.Tests;

/// <summary>
/// Failed cleanups, two overlapping runs and faulty upstream sites. Like every scenario of the fault suite (docs/fault-suite.md) each ends with what must hold at all
/// times, a clean rerun and the check that the cloud converged: no duplicates, no leftovers, no wrong
/// names, properties, bytes or visibility, no unverified image visible, nothing wrongly deleted, the bare
/// name on a working image, a dry run that plans nothing and no secret in any output.
/// </summary>
public sealed class CatalogFaultTests(FaultSuiteFixture suite, ITestOutputHelper output) : IClassFixture<FaultSuiteFixture>
{
    [Fact]
    public async Task Failed_cleanups_leave_a_cloud_the_clean_rerun_converges()
    {
        await using var run = new ScenarioRun(suite, output, "failed cleanups", FaultSettings.Seed);
        // The new version's bytes are wrong (its import fails after the create), the new definition's import
        // is refused; every DELETE that would clean up after them is answered 500.
        await FaultCatalogs.ChangedAsync(run, newVersionFault: UpstreamFault.WrongBytes);
        var rules = new[]
        {
            new FaultRule(RequestKind.Import, 1, FaultKind.Status500),
            new FaultRule(RequestKind.Delete, 0, FaultKind.Status500),
        };

        await run.FaultyRunAsync("run with failing cleanups", new FaultPlan(rules));
        await run.CheckAtAllTimesAsync("the failed cleanups");
        await run.CleanRerunAndCheckAsync();
        run.Verdict();
    }

    [Fact]
    public async Task Two_overlapping_runs_leave_no_duplicate()
    {
        await using var run = new ScenarioRun(suite, output, "two overlapping runs", FaultSettings.Seed);
        await FaultCatalogs.ChangedAsync(run);

        using (var first = run.Start("overlapping run 1", FaultCloud.DirectCloud))
        using (var second = run.Start("overlapping run 2", FaultCloud.DirectCloud))
        {
            var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromMinutes(4)), second.WaitAsync(TimeSpan.FromMinutes(4)));
            foreach (var result in results)
            {
                run.Keep(result);
            }
        }

        var images = await run.Cloud.ImagesAsync(run.Catalog.Tag);
        foreach (var group in images.Where(i => i.Property(StateCheck.PendingKey) is null)
            .GroupBy(i => (i.Property("image_name"), i.Property("internal_version"))).Where(g => g.Count() > 1))
        {
            run.Figures.Violations.Add(new(ViolationKind.Duplicate, $"after the overlapping runs: {group.Key.Item1} {group.Key.Item2} has {group.Count()} images ({string.Join(", ", group)})"));
        }

        await run.CheckAtAllTimesAsync("the overlapping runs");
        await run.CleanRerunAndCheckAsync();
        run.Verdict();
    }

    [Fact]
    public async Task Upstream_faults_never_give_a_wrong_or_unverified_image_and_internal_targets_are_never_fetched()
    {
        await using var run = new ScenarioRun(suite, output, "upstream faults", FaultSettings.Seed);
        var catalog = run.Catalog;
        var byFault = new Dictionary<UpstreamFault, CatalogDefinition>();
        foreach (var fault in Enum.GetValues<UpstreamFault>())
        {
            var definition = catalog.Define($"Up{fault}", multi: false, visibility: "shared");
            catalog.AddVersion(definition, "1.0", fault);
            byFault[fault] = definition;
        }

        catalog.Write();
        await run.FaultyRunAsync("run against faulty upstreams", FaultPlan.PassThrough);
        await run.CheckAtAllTimesAsync("the faulty upstream run");
        if (suite.Upstream.CanaryHits > 0)
        {
            run.Figures.Violations.Add(new(ViolationKind.FetchedInternal, $"a redirect to the internal address {suite.Upstream.CanaryUrl} was followed ({suite.Upstream.CanaryHits} requests)"));
        }

        var images = await run.Cloud.ImagesAsync(catalog.Tag);
        foreach (var fault in new[] { UpstreamFault.RedirectInternal, UpstreamFault.RedirectFile, UpstreamFault.RedirectMetadata, UpstreamFault.RedirectLoop, UpstreamFault.NotFound, UpstreamFault.WrongBytes, UpstreamFault.HugeContentLength })
        {
            var made = images.Where(i => i.Property("image_name") == byFault[fault].Name && i.Property(StateCheck.PendingKey) is null && i.Status == "active").ToList();
            if (made.Count > 0)
            {
                run.Figures.Violations.Add(new(ViolationKind.FetchedInternal, $"{fault}: an image was made from an answer that must be refused: {string.Join(", ", made)}"));
            }
        }

        await run.CleanRerunAndCheckAsync();
        run.Verdict();
    }
}
