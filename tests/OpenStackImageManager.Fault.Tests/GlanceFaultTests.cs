using OpenStackImageManager.Fault.Tests.Cloud;
using OpenStackImageManager.Fault.Tests.Proxy;
using OpenStackImageManager.Fault.Tests.Scenarios;
using OpenStackImageManager.Fault.Tests.Upstream;
using Xunit.Abstractions;

namespace OpenStackImageManager.Fault.Tests;

/// <summary>
/// Seeded faults of Keystone and Glance (FaultSchedules) on a run that changes a converged catalog. Like every scenario of the fault suite (docs/fault-suite.md) each ends with what must hold at all
/// times, a clean rerun and the check that the cloud converged: no duplicates, no leftovers, no wrong
/// names, properties, bytes or visibility, no unverified image visible, nothing wrongly deleted, the bare
/// name on a working image, a dry run that plans nothing and no secret in any output.
/// </summary>
public sealed class GlanceFaultTests(FaultSuiteFixture suite, ITestOutputHelper output) : IClassFixture<FaultSuiteFixture>
{
    public static TheoryData<int> Trials()
    {
        var data = new TheoryData<int>();
        for (var trial = 0; trial < FaultSettings.Trials; trial++)
        {
            data.Add(trial);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Trials))]
    public async Task Glance_and_Keystone_faults_leave_a_cloud_the_clean_rerun_converges(int trial)
    {
        await using var run = new ScenarioRun(suite, output, $"glance-faults trial {trial}", FaultSettings.Seed);
        await FaultCatalogs.ChangedAsync(run);

        await run.FaultyRunAsync("faulty run", new FaultPlan(FaultSchedules.ForTrial(FaultSettings.Seed, trial)));
        await run.CheckAtAllTimesAsync("the faulty run");
        await run.CleanRerunAndCheckAsync();
        run.Verdict();
    }
}
