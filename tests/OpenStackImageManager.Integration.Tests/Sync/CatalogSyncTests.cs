using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// The main job end to end: the fixture catalog syncs into an empty project (parallel imports), and
/// a second run is a no-op within the request budget: 1 token + the listing pages, nothing else.
/// </summary>
public class CatalogSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheFixtureCatalogSyncsAndASecondRunIsANoOpWithinTheBudget()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        // Admin: the catalog makes images public, which Glance allows admins only.
        await using var cloud = await SyncCloud.ConnectAsync("oim-admin");
        var prefix = $"T5 {cloud.RunId} ";
        var catalog = FixtureCatalog.Rewrite(cloud, prefix);
        var loaded = DefinitionLoader.Load([catalog], false, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(loaded.HasErrors, string.Join(Environment.NewLine, loaded.Problems));
        var definitions = loaded.Definitions.Where(d => d.Enable).ToArray();
        Assert.Equal(12, definitions.Length);
        var versions = definitions.Sum(d => d.Versions.Count);

        var plan = await cloud.PlanAsync(definitions);
        Assert.Equal(versions, plan.Count(c => c.Kind == ImageChangeKind.Create));
        var first = await cloud.ApplyAsync(plan, cloud.Execution(throttle: 6));
        Assert.All(first, r => Assert.True(r.Error is null, r.Error?.Message));

        var images = await cloud.ManagedAsync();
        Assert.Equal(versions, images.Count);
        Assert.All(images, i => Assert.Equal("active", i.Status));
        Assert.Equal(images.Count, images.Select(i => i.Name).Distinct().Count());
        Assert.All(definitions.SelectMany(d => d.Versions), v => Assert.Contains(images, i => i.Name == v.GlanceName));

        // A new run, as a new process: its own token; planned and applied as Sync-GlanceImage does. Nothing
        // to do means no version or import discovery and no lease.
        var (session, requests) = await cloud.NewRunAsync();
        var second = await cloud.PlanAsync(definitions, session: session);
        Assert.Empty(second);
        Assert.Empty(await SyncOperations.ApplyAsync(second, session, cloud.Execution(), NullOperationLog.Instance, CancellationToken.None));
        var tokens = requests.Count(r => r.StartsWith("POST /v3/auth/tokens", StringComparison.Ordinal));
        var listings = requests.Count(r => r.StartsWith("GET /v2/images?", StringComparison.Ordinal));
        output.WriteLine($"Second run on an up-to-date cloud ({versions} images): {requests.Lines.Count} requests{Environment.NewLine}{requests}");
        Assert.Equal(1, tokens);
        Assert.Equal(2, listings); // one page of visible and one of os_hidden images
        Assert.True(requests.Lines.Count == tokens + listings, requests.ToString());
        SessionRegistryDisconnect(session);
    }

    private static void SessionRegistryDisconnect(OpenStackSession session) => Engine.Sessions.SessionRegistry.Disconnect(session);
}
