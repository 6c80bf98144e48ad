using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Leases;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Integration.Tests.Sync;

namespace OpenStackImageManager.Integration.Tests.Leases;

/// <summary>Lease stores of a test's own managed tag, and removal of the lease images that tag made.</summary>
internal static class LeaseCloud
{
    /// <summary>A store as a separate run (its own session: its own token and HTTP clients) would use it.</summary>
    public static async Task<LeaseStore> StoreAsync(SyncCloud cloud, bool ownSession = false)
    {
        var session = ownSession ? (await cloud.NewRunAsync()).Session : cloud.Session;
        var live = SessionRegistry.Resolve(session);
        return new LeaseStore(live.Glance, live.Token.ProjectId!, cloud.Tag);
    }

    public static Task<CatalogLease> AcquireAsync(LeaseStore store, string runId, LeaseOptions? options = null, IOperationLog? log = null) =>
        CatalogLease.AcquireAsync(store, runId, "oim-p1", options ?? new LeaseOptions(), log ?? NullOperationLog.Instance, CancellationToken.None);

    /// <summary>Deletes the lease images of the test's tag (its tag is its own, so no other run needs them).</summary>
    public static async Task RemoveAsync(SyncCloud cloud)
    {
        var store = await StoreAsync(cloud);
        foreach (var record in await store.ListAsync(CancellationToken.None))
        {
            await store.DeleteAsync(record, CancellationToken.None);
        }
    }

    /// <summary>A clock <paramref name="offset"/> away from the real one (a holder whose lease has long expired).</summary>
    internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
