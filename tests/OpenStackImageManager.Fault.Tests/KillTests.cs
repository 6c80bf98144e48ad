using OpenStackImageManager.Fault.Tests.Cloud;
using OpenStackImageManager.Fault.Tests.Proxy;
using OpenStackImageManager.Fault.Tests.Scenarios;
using OpenStackImageManager.Fault.Tests.Upstream;
using Xunit.Abstractions;

namespace OpenStackImageManager.Fault.Tests;

/// <summary>
/// kill -9 of the tool at four moments of a create, found by the proxy. Like every scenario of the fault suite (docs/fault-suite.md) each ends with what must hold at all
/// times, a clean rerun and the check that the cloud converged: no duplicates, no leftovers, no wrong
/// names, properties, bytes or visibility, no unverified image visible, nothing wrongly deleted, the bare
/// name on a working image, a dry run that plans nothing and no secret in any output.
/// </summary>
public sealed class KillTests(FaultSuiteFixture suite, ITestOutputHelper output) : IClassFixture<FaultSuiteFixture>
{
    [Theory]
    [InlineData("after-create")]
    [InlineData("during-stage")]
    [InlineData("during-import-wait")]
    [InlineData("verification-window")]
    public async Task Kill_9_leaves_a_cloud_the_clean_rerun_converges(string moment)
    {
        await using var run = new ScenarioRun(suite, output, $"kill -9 {moment}", FaultSettings.Seed);
        await FaultCatalogs.ChangedAsync(run);
        var trigger = moment switch
        {
            "after-create" => new KillTrigger(moment, RequestKind.Create, null, KillPoint.AfterAnswer),
            "during-stage" => new KillTrigger(moment, RequestKind.Stage, null, KillPoint.MidBody),
            "during-import-wait" => new KillTrigger(moment, RequestKind.Watch, RequestKind.Import, KillPoint.OnArrival),
            _ => new KillTrigger(moment, RequestKind.Patch, RequestKind.Import, KillPoint.OnArrival),
        };

        await run.FaultyRunAsync("killed run", new FaultPlan(trigger: trigger));
        await run.CheckAtAllTimesAsync("the kill");
        await run.CleanRerunAndCheckAsync();
        run.Verdict();
    }
}
