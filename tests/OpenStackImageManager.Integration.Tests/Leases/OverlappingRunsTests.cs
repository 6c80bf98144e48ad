using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Leases;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Leases;

/// <summary>What an operator notices when runs overlap or died: no duplicates, leftovers removed, duplicates healed.</summary>
public class OverlappingRunsTests
{
    [Theory]
    [InlineData(120)]
    [InlineData(0)]
    public async Task Two_runs_of_one_catalog_started_together_make_each_image_once(int leaseWaitSeconds)
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var runs = new[] { (await cloud.NewRunAsync()).Session, (await cloud.NewRunAsync()).Session };
        var execution = cloud.Execution() with { Lease = new LeaseOptions { Wait = TimeSpan.FromSeconds(leaseWaitSeconds), PollEvery = TimeSpan.FromMilliseconds(500) } };
        const int trials = 3;
        for (var trial = 0; trial < trials; trial++)
        {
            var definitions = Enumerable.Range(1, 2).Select(i =>
            {
                var file = TestImages.CreateFile(cloud.Work, $"t{trial}-{i}.qcow2", "qcow2");
                return Definitions.One(cloud, $"T5 {cloud.RunId} Overlap{trial}-{i}", "qcow2", false,
                    new Definitions.Version("1", cloud.Server.Url($"t{trial}-{i}.qcow2"), TestImages.Sha256(file)));
            }).ToArray();
            using var start = new ManualResetEventSlim();
            var tasks = runs.Select(session => Task.Run(async () =>
            {
                start.Wait();
                var plan = await cloud.PlanAsync(definitions, session: session);
                try
                {
                    return (Results: await cloud.ApplyAsync(plan, execution), Refused: (LeaseHeldException?)null);
                }
                catch (LeaseHeldException ex)
                {
                    return (Results: (IReadOnlyList<ExecutedChange>)[], Refused: ex);
                }
            })).ToArray();
            start.Set();
            var outcomes = await Task.WhenAll(tasks);

            Assert.All(outcomes.SelectMany(o => o.Results), r => Assert.True(r.Error is null, r.Error?.Message));
            foreach (var refused in outcomes.Select(o => o.Refused).OfType<LeaseHeldException>())
            {
                Assert.Equal(0, leaseWaitSeconds);
                Assert.Contains("the catalog lease is held by run ", refused.Message, StringComparison.Ordinal);
                Assert.Contains(" until ", refused.Message, StringComparison.Ordinal);
            }

            var images = (await cloud.ManagedAsync()).Where(i => definitions.Any(d => i.Name == d.Versions[0].GlanceName)).ToArray();
            Assert.Equal(definitions.Length, images.Length);
            Assert.All(images, i => Assert.Equal("active", i.Status));
            Assert.All(images, i => Assert.False(i.Properties.ContainsKey(DesiredImage.PendingKey)));
        }

        Assert.Equal(trials * 2, (await cloud.ManagedAsync()).Count);
    }

    [Fact]
    public async Task A_leftover_pending_image_is_deleted_by_the_next_run_unless_the_live_lease_holder_is_making_it()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Pending", "pending.qcow2", "qcow2");
        var store = await LeaseCloud.StoreAsync(cloud);
        var other = await LeaseCloud.AcquireAsync(store, "live-run");
        var inFlight = await CreatePendingAsync(cloud, definition, "live-run");
        var plan = await cloud.PlanAsync([definition]);
        Assert.DoesNotContain(plan, c => c.ImageId == inFlight.Id);
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.Create);
        await other.DisposeAsync();

        // Its run is over (or died): the image is a leftover, deleted by the next run, which makes the version anew.
        plan = await cloud.PlanAsync([definition]);
        var cleanup = Assert.Single(plan, c => c.ImageId == inFlight.Id);
        Assert.Equal(ImageChangeKind.Delete, cleanup.Kind);
        Assert.True(SyncOperations.IsCleanup(cleanup));
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.True(r.Error is null, r.Error?.Message));

        var image = Assert.Single(await cloud.ManagedAsync());
        Assert.NotEqual(inFlight.Id, image.Id);
        Assert.Equal("active", image.Status);
        Assert.Empty(await cloud.PlanAsync([definition]));
    }

    [Fact]
    public async Task A_duplicate_pair_of_one_version_is_healed_one_kept_the_other_retired_out_of_the_way()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "dup.qcow2", "qcow2");
        var definition = Definitions.Load(cloud, Definitions.Yaml($"T5 {cloud.RunId} Dup", "qcow2", false, "community",
            [new Definitions.Version("1", cloud.Server.Url("dup.qcow2"), TestImages.Sha256(file))]));
        Assert.All(await cloud.SyncAsync([definition]), r => Assert.True(r.Error is null, r.Error?.Message));
        var original = Assert.Single(await cloud.ManagedAsync());
        var twin = await CopyAsync(cloud, original, file);

        var plan = await cloud.PlanAsync([definition]);
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.True(r.Error is null, r.Error?.Message));

        var images = await cloud.ManagedAsync();
        Assert.Equal(2, images.Count);
        var kept = Assert.Single(images, i => i.Name == definition.Versions[0].GlanceName);
        var retired = Assert.Single(images, i => i.Id != kept.Id);
        Assert.StartsWith($"{definition.Versions[0].GlanceName} (duplicate ", retired.Name, StringComparison.Ordinal);
        Assert.Equal("community", retired.Visibility);
        Assert.True(retired.Hidden);
        Assert.Equal(kept.Id, retired.Properties[DuplicateHealing.DuplicateOfKey]);
        Assert.Equal("community", kept.Visibility);
        Assert.False(kept.Hidden);
        Assert.Contains(twin.Id, images.Select(i => i.Id));
        Assert.DoesNotContain(await cloud.PlanAsync([definition]), c => c.ImageId == retired.Id);
    }

    [Fact]
    public async Task A_cancelled_run_releases_its_lease()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Cancel", "cancel.qcow2", "qcow2");
        var plan = await cloud.PlanAsync([definition]);
        using var stop = new CancellationTokenSource();
        var log = new CancelOnLease(stop);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SyncOperations.ApplyAsync(plan, null, cloud.Execution(), log, stop.Token));

        var store = await LeaseCloud.StoreAsync(cloud);
        Assert.True((await store.CurrentAsync(CancellationToken.None))!.Released);
        Assert.Empty(await cloud.ManagedAsync());
        var next = await LeaseCloud.AcquireAsync(store, "next-run");
        await next.DisposeAsync();
    }

    /// <summary>Stops the run (as Ctrl+C would) the moment it holds the lease.</summary>
    private sealed class CancelOnLease(CancellationTokenSource stop) : IOperationLog
    {
        public void Verbose(string message)
        {
            if (message.StartsWith("Catalog lease of", StringComparison.Ordinal) && message.Contains(" taken", StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(OperationProgress progress)
        {
        }
    }

    private static async Task<GlanceImage> CreatePendingAsync(SyncCloud cloud, ImageDefinition definition, string runId) =>
        await cloud.Glance.CreateImageAsync(new JsonObject
        {
            ["name"] = definition.Versions[0].GlanceName + " (importing)",
            ["visibility"] = "private",
            ["disk_format"] = "qcow2",
            ["container_format"] = "bare",
            ["tags"] = new JsonArray(cloud.Tag),
            [DesiredImage.ImageName] = definition.Name,
            [DesiredImage.InternalVersion] = definition.Versions[0].Version,
            [DesiredImage.PendingKey] = runId,
        }, CancellationToken.None);

    /// <summary>A finished twin of <paramref name="original"/>: the same properties and tags, its own bytes uploaded.</summary>
    private static async Task<GlanceImage> CopyAsync(SyncCloud cloud, GlanceImage original, string file)
    {
        var attributes = new JsonObject
        {
            ["name"] = original.Name,
            ["visibility"] = "private",
            ["disk_format"] = original.DiskFormat,
            ["container_format"] = original.ContainerFormat,
            ["min_disk"] = original.MinDisk,
            ["tags"] = new JsonArray(original.Tags.Select(t => (JsonNode)t).ToArray()),
        };
        foreach (var (key, value) in original.Properties.Where(p => !p.Key.StartsWith("os_", StringComparison.Ordinal) && p.Key != "stores"))
        {
            attributes[key] = value;
        }

        var twin = await cloud.Glance.CreateImageAsync(attributes, CancellationToken.None);
        await using (var bytes = File.OpenRead(file))
        {
            await cloud.Glance.UploadAsync(twin.Id, bytes, bytes.Length, CancellationToken.None);
        }

        await cloud.Glance.UpdateImageAsync(twin.Id, [Engine.Glance.PatchOperation.Replace("visibility", "community")], CancellationToken.None);
        return twin;
    }
}
