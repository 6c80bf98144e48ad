using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>Under the lease, what another run did since the plan turns items into skips, never into duplicates.</summary>
public class PlanFreshnessTests
{
    private static readonly ImageDefinition s_debian = Definition("Debian 12", versions: ["20240601"]);

    [Fact]
    public void ACreateWhoseVersionAnotherRunMadeSinceThePlanIsSkipped()
    {
        var plan = Plan([s_debian], []);
        var create = Assert.Single(plan);
        var made = Synced(s_debian, s_debian.Versions[0]);

        var stale = PlanFreshness.Stale(plan, [made]);

        Assert.Contains(made.Id, stale[create], StringComparison.Ordinal);
        Assert.Empty(PlanFreshness.Stale(plan, []));
        // Another run's image still pending is not a made image: the create stays (the plan's cleanup rules apply next run).
        var pending = made with { Properties = new Dictionary<string, string>(made.Properties) { [DesiredImage.PendingKey] = "other" } };
        Assert.Empty(PlanFreshness.Stale(plan, [pending]));
    }

    [Fact]
    public void AChangeToAnImageThatChangedOrWentSinceThePlanIsSkipped()
    {
        var image = Synced(s_debian, s_debian.Versions[0]) with { Visibility = "private", UpdatedAt = DateTimeOffset.UnixEpoch };
        var plan = Plan([s_debian], [image]);
        var item = Assert.Single(plan);

        Assert.Empty(PlanFreshness.Stale(plan, [image]));
        Assert.Contains("changed", PlanFreshness.Stale(plan, [image with { Name = "renamed by another run", UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) }])[item], StringComparison.Ordinal);
        Assert.Contains("is gone", PlanFreshness.Stale(plan, [])[item], StringComparison.Ordinal);
    }

    [Fact]
    public void TheCleanupOfALeftoverGlanceWentOnImportingIsStillApplied()
    {
        // A dead run's pending image, still importing when the plan listed it, active by the time the lease is held.
        var leftover = Synced(s_debian, s_debian.Versions[0]) with
        {
            Name = "Debian 12 (importing)",
            Visibility = "private",
            Status = "importing",
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Properties = new Dictionary<string, string>(Synced(s_debian, s_debian.Versions[0]).Properties) { [DesiredImage.PendingKey] = "dead-run" },
        };
        var plan = Plan([s_debian], [leftover]);
        var cleanup = Assert.Single(plan, i => i.Kind == ImageChangeKind.Delete);

        var imported = leftover with { Status = "active", UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(5) };
        Assert.False(PlanFreshness.Stale(plan, [imported]).ContainsKey(cleanup));

        // Verified and named meanwhile (its run was alive after all): no longer a leftover.
        var finished = imported with { Name = "Debian 12", Properties = Synced(s_debian, s_debian.Versions[0]).Properties };
        Assert.Contains("changed", PlanFreshness.Stale(plan, [finished])[cleanup], StringComparison.Ordinal);
    }
}
