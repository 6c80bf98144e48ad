using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Rotation;

/// <summary>
/// Sync and rotation in one run on the real local Glance (as Sync-GlanceImage -Rotation and the command line
/// run them): new versions are windowed in the run that imports them, a version deleted beyond the window is
/// never imported again, and the bare name stays on a working image when the new build fails or when someone
/// renamed it away.
/// </summary>
public sealed class OneRunRotationCloudTests
{
    [Fact]
    public async Task New_versions_are_windowed_in_their_own_run_and_a_deleted_one_is_never_imported_again()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var name = $"OIM OneRun {cloud.RunId}";
        TestImages.CreateFile(cloud.Work, "one.raw", "raw", megabytes: 1);

        // Four new versions, window 3: three are imported, the newest is Name, the oldest is not imported at all.
        var four = Define(cloud, name, ["v1", "v2", "v3", "v4"], "one.raw");
        var log = new CollectingLog();
        var plan = await PlanAsync(cloud, four, new ImageRotationOptions(), log);
        Assert.Equal(["v2", "v3", "v4"], plan.Where(i => i.Kind == ImageChangeKind.Create).Select(i => i.Version).Order(StringComparer.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains($"{name} (v1) ({name} version v1): not imported: beyond the keep window of 3", StringComparison.Ordinal));
        AssertAllSucceeded(await cloud.ApplyAsync(plan));
        Assert.Equal([$"v2|{name} (v2)|shared", $"v3|{name} (v3)|shared", $"v4|{name}|shared"], await StateAsync(cloud));

        // The dry run after the sync is empty.
        Assert.Empty(await PlanAsync(cloud, four, new ImageRotationOptions(), new CollectingLog()));

        // v5 arrives with -Delete (uuid_validity: last-3): in the same run v5 is imported and takes the name, v2 goes.
        var five = Define(cloud, name, ["v1", "v2", "v3", "v4", "v5"], "one.raw", validity: "last-3");
        var deleting = new ImageRotationOptions { Delete = true };
        AssertAllSucceeded(await cloud.ApplyAsync(await PlanAsync(cloud, five, deleting, new CollectingLog())));
        Assert.Equal([$"v3|{name} (v3)|shared", $"v4|{name} (v4)|shared", $"v5|{name}|shared"], await StateAsync(cloud));

        // The next run, with rotation or a plain sync, imports neither v1 nor the deleted v2 again.
        Assert.Empty(await PlanAsync(cloud, five, deleting, new CollectingLog()));
        Assert.DoesNotContain(await cloud.PlanAsync([five]), i => i.Kind == ImageChangeKind.Create);
    }

    [Fact]
    public async Task The_bare_name_stays_on_a_working_image_when_the_new_build_fails_and_comes_back_when_renamed_away()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var name = $"OIM HandOff {cloud.RunId}";
        TestImages.CreateFile(cloud.Work, "ok.raw", "raw", megabytes: 1);
        AssertAllSucceeded(await cloud.ApplyAsync(await PlanAsync(cloud, Define(cloud, name, ["v1", "v2"], "ok.raw"), new ImageRotationOptions(), new CollectingLog())));
        var v2 = (await cloud.ManagedAsync()).Single(i => i.Name == name);

        // v3's upstream answers 404: its import fails, no rename is sent, v2 keeps the name.
        var broken = Define(cloud, name, ["v1", "v2", "v3"], "ok.raw", newest: "missing.raw");
        var failed = await cloud.ApplyAsync(await PlanAsync(cloud, broken, new ImageRotationOptions(), new CollectingLog()));
        Assert.Equal(SyncOutcome.Failed, failed.Single(r => r.Result.Kind == ImageChangeKind.Create).Result.Outcome);
        var handOff = failed.Single(r => r.Result.Kind == ImageChangeKind.Rename).Result;
        Assert.Equal((v2.Id, SyncOutcome.Skipped), (handOff.ImageId, handOff.Outcome));
        Assert.Equal([$"v1|{name} (v1)|shared", $"v2|{name}|shared"], await StateAsync(cloud));

        // Renamed away by hand, while v3 still fails: the run gives v2 the name back before the import and keeps it there.
        await cloud.Glance.UpdateImageAsync(v2.Id, [PatchOperation.Replace("name", $"{name} by hand")], CancellationToken.None);
        await cloud.ApplyAsync(await PlanAsync(cloud, broken, new ImageRotationOptions(), new CollectingLog()));
        Assert.Equal([$"v1|{name} (v1)|shared", $"v2|{name}|shared"], await StateAsync(cloud));

        // Upstream fixed: v3 is imported and takes the name, v2 steps aside in the same run; nothing is left to do.
        var fixedUp = Define(cloud, name, ["v1", "v2", "v3"], "ok.raw");
        AssertAllSucceeded(await cloud.ApplyAsync(await PlanAsync(cloud, fixedUp, new ImageRotationOptions(), new CollectingLog())));
        Assert.Equal([$"v1|{name} (v1)|shared", $"v2|{name} (v2)|shared", $"v3|{name}|shared"], await StateAsync(cloud));
        Assert.Empty(await PlanAsync(cloud, fixedUp, new ImageRotationOptions(), new CollectingLog()));
    }

    private static ImageDefinition Define(SyncCloud cloud, string name, string[] labels, string file, string validity = "none", string? newest = null) =>
        Definitions.Load(cloud, Definitions.Yaml(name, "raw", multi: true, "shared",
                labels.Select((l, i) => new Definitions.Version(l, cloud.Server.Url(i == labels.Length - 1 && newest is not null ? newest : file))).ToArray())
            .Replace("uuid_validity: none", $"uuid_validity: {validity}", StringComparison.Ordinal));

    /// <summary>Sync and rotation from one listing, as one run plans them.</summary>
    private static Task<IReadOnlyList<ImageChange>> PlanAsync(SyncCloud cloud, ImageDefinition definition, ImageRotationOptions rotation, CollectingLog log) =>
        SyncOperations.PlanAsync(cloud.Session, [definition], cloud.Options() with { Keep = rotation.Keep }, [new RotationPlanner(rotation)], log, CancellationToken.None);

    private static void AssertAllSucceeded(IReadOnlyList<ExecutedChange> results) =>
        Assert.All(results, r => Assert.True(r.Result.Outcome == SyncOutcome.Succeeded, $"{r.Result.Change.Description}: {r.Result.Outcome} {r.Result.Message}"));

    /// <summary>Every managed image of the test as "version|name|visibility", active ones only, by version.</summary>
    private static async Task<string[]> StateAsync(SyncCloud cloud) =>
        (await cloud.ManagedAsync())
            .Select(i => $"{i.Properties["internal_version"]}|{i.Name}|{i.Visibility}{(i.Status == "active" ? string.Empty : "|" + i.Status)}")
            .Order(StringComparer.Ordinal)
            .ToArray();
}
