using OpenStackImageManager.Engine.Leases;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.TestSupport;

namespace OpenStackImageManager.Integration.Tests.Leases;

/// <summary>The catalog lease against the real Glance: one holder at a time, renewal, release, takeover of an expired lease.</summary>
public class CatalogLeaseTests
{
    [Fact]
    public async Task A_second_run_is_refused_naming_the_holder_until_the_first_releases_and_a_lapsed_lease_is_taken_over()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var store = await LeaseCloud.StoreAsync(cloud);
        var first = await LeaseCloud.AcquireAsync(store, "run-a");
        Assert.Equal(1, first.Record.Epoch);
        var held = await Assert.ThrowsAsync<LeaseHeldException>(() => LeaseCloud.AcquireAsync(store, "run-b"));
        Assert.Contains("run run-a (", held.Message, StringComparison.Ordinal);
        Assert.Contains(LeaseRecord.Format(first.Record.Expires).Replace('T', ' '), held.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", held.Message, StringComparison.Ordinal);

        var before = first.Record.Expires;
        Assert.True(await first.RenewOnceAsync(CancellationToken.None));
        Assert.True(first.Record.Expires >= before);
        Assert.False(first.Lost.IsCancellationRequested);

        await first.DisposeAsync();
        var released = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.True(released.Released);

        // The next run takes epoch 2 and removes epoch 1's image; the lease image of epoch 1 is never re-created.
        var log = new CollectingLog();
        var stale = await LeaseCloud.AcquireAsync(store, "run-stale", new LeaseOptions { Clock = new LeaseCloud.ShiftedClock(TimeSpan.FromHours(-1)) });
        Assert.Equal(2, stale.Record.Epoch);
        await stale.FormerEpochsDeleted;
        Assert.Equal(2, Assert.Single(await store.ListAsync(CancellationToken.None)).Epoch);

        // Its holder stopped renewing an hour ago (by the real clock): the lease lapsed and is taken over.
        var takeover = await LeaseCloud.AcquireAsync(store, "run-c", log: log);
        Assert.Equal(3, takeover.Record.Epoch);
        Assert.Contains(log.Warnings, w => w.Contains("Took over the expired catalog lease", StringComparison.Ordinal) && w.Contains("run-stale", StringComparison.Ordinal));
        Assert.False(await stale.RenewOnceAsync(CancellationToken.None));
        Assert.True(stale.Lost.IsCancellationRequested);
        await stale.DisposeAsync();
        Assert.False((await store.CurrentAsync(CancellationToken.None))!.Released);
        await takeover.DisposeAsync();
        Assert.True((await store.CurrentAsync(CancellationToken.None))!.Released);
    }

    [Fact]
    public async Task Deleted_lease_images_never_block_the_lease_their_ids_are_passed_by()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var store = await LeaseCloud.StoreAsync(cloud);
        long[] epochs = [1, 2, 4];
        foreach (var expected in epochs)
        {
            // A project cleanup deleted every lease image: Glance never gives those ids again.
            var lease = await LeaseCloud.AcquireAsync(store, $"run-{expected}");
            Assert.Equal(expected, lease.Record.Epoch);
            await lease.DisposeAsync();
            await LeaseCloud.RemoveAsync(cloud);
        }
    }

    [Fact]
    public async Task Two_runs_acquiring_at_the_same_moment_never_both_win()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var left = await LeaseCloud.StoreAsync(cloud, ownSession: true);
        var right = await LeaseCloud.StoreAsync(cloud, ownSession: true);
        const int trials = 12;
        for (var trial = 0; trial < trials; trial++)
        {
            using var start = new ManualResetEventSlim();
            var tasks = new[] { (left, "left"), (right, "right") }.Select(side => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    return await LeaseCloud.AcquireAsync(side.Item1, $"{side.Item2}-{trial}");
                }
                catch (LeaseHeldException)
                {
                    return null;
                }
            })).ToArray();
            start.Set();
            var leases = await Task.WhenAll(tasks);
            var winner = Assert.Single(leases, l => l is not null)!;
            Assert.Equal(trial + 1, winner.Record.Epoch);
            await winner.DisposeAsync();
        }
    }
}
