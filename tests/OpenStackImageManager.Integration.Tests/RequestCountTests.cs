using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>
/// How many requests each cmdlet sends, counted by the request log on the wire of the real cloud. Each
/// test runs the engine calls a cmdlet makes, in the cmdlet's order, and pins the count: an extra
/// listing or a patch split in two fails here.
/// </summary>
[Collection(CloudCollection.Name)]
public sealed class RequestCountTests(CloudFixture cloud, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly IOperationLog s_log = NullOperationLog.Instance;
    private readonly TestImages _images = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task Connect_OpenStack_costs_the_token_alone()
    {
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(TestCloud.Config("oim-p1"), log);
        SessionRegistry.Disconnect(session.ToModel());

        // No version discovery: an unversioned image endpoint is used with v2 below it until Glance says otherwise.
        Report("Connect-OpenStack", log.All.Select(e => $"{e.Method} {e.Path} → {e.Status}").ToList(), 1);
    }

    [Fact]
    public async Task Get_GlanceImage_by_name_by_wildcard_by_id_and_with_hidden()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("count-get"));

        await Count("Get-GlanceImage -Name <exact>", 1, () => ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest { Names = [image.Name] }, s_log, default));
        await Count("Get-GlanceImage -Name <wildcard>", 1, () => ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest { Names = ["oim-it-*"] }, s_log, default));
        await Count("Get-GlanceImage -Id <id>", 1, () => ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest { Ids = [image.Id] }, s_log, default));
        await Count("Get-GlanceImage -Managed -IncludeHidden", 2, () => ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest { Managed = true, IncludeHidden = true }, s_log, default));
    }

    [Fact]
    public async Task Set_GlanceImage_from_the_pipeline_by_id_and_with_a_status_change()
    {
        var image = await ActiveAsync("count-set");
        var change = new ImageChangeRequest
        {
            Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["os_version"] = "24.04" },
            Tags = ["a", "b"],
            MinDisk = 4,
            Visibility = "private",
        };

        await Count("Set-GlanceImage -InputObject (5 changes)", 1, () => SetImage.ApplyAsync(cloud.P1Session, ImageOperations.Plan(cloud.P1Session, image, change), s_log, default));
        await Count("Set-GlanceImage -Id (1 change)", 2, async () =>
        {
            var current = await ImageOperations.GetByIdAsync(cloud.P1Session, image.Id, s_log, default);
            return await SetImage.ApplyAsync(cloud.P1Session, ImageOperations.Plan(cloud.P1Session, current, new ImageChangeRequest { MinRam = 256 }), s_log, default);
        });
        var fresh = await cloud.P1.Glance.GetImageAsync(image.Id, default);
        await Count("Set-GlanceImage -InputObject -Status Deactivated -Property", 2, () => SetImage.ApplyAsync(
            cloud.P1Session, ImageOperations.Plan(cloud.P1Session, fresh, new ImageChangeRequest { Status = "deactivated", Properties = new Dictionary<string, string> { ["x"] = "1" } }), s_log, default));
        var unchanged = await cloud.P1.Glance.GetImageAsync(image.Id, default);
        Assert.True(ImageOperations.Plan(cloud.P1Session, unchanged, change).Count == 0);
        output.WriteLine("Set-GlanceImage with nothing to change: 0 requests");
    }

    [Fact]
    public async Task Remove_GlanceImage_from_the_pipeline_and_by_id()
    {
        var piped = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("count-rm1"));
        var byId = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("count-rm2"));

        await Count("Remove-GlanceImage -InputObject", 1, async () => { await ImageOperations.RemoveAsync(cloud.P1Session, piped, s_log, default); return 0; });
        await Count("Remove-GlanceImage -Id", 2, async () =>
        {
            var current = await ImageOperations.GetByIdAsync(cloud.P1Session, byId.Id, s_log, default);
            await ImageOperations.RemoveAsync(cloud.P1Session, current, s_log, default);
            return 0;
        });
    }

    [Fact]
    public async Task Grant_and_Revoke_GlanceImageAccess()
    {
        var owned = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("count-share"), b => b["visibility"] = "private");
        var adminOwned = await _images.CreateAsync(cloud.Admin, TestImages.UniqueName("count-share-admin"), b => b["visibility"] = "shared");
        var p2 = cloud.P2.Token.ProjectId!;

        await Count("Grant-GlanceImageAccess -Image <object> -Project <id> (private image, owner)", 3, async () =>
        {
            var targets = await SharingOperations.ResolveTargetsAsync(cloud.P1Session, [p2], null, null, s_log, default);
            return await SharingOperations.GrantAsync(cloud.P1Session, owned, targets[0], s_log, default);
        });
        await Count("Grant-GlanceImageAccess -Image <name> -Project <name> (shared image, admin)", 5, async () =>
        {
            var image = await SharingOperations.ResolveImageAsync(cloud.AdminSession, new GlanceImageReference(adminOwned.Name), s_log, default);
            var targets = await SharingOperations.ResolveTargetsAsync(cloud.AdminSession, ["oim-p2"], null, null, s_log, default);
            return await SharingOperations.GrantAsync(cloud.AdminSession, image, targets[0], s_log, default);
        });
        await Count("Revoke-GlanceImageAccess -Image <object> -Project <id>", 1, () =>
            SharingOperations.RevokeAsync(cloud.P1Session, owned, new ShareTarget(p2, p2), s_log, default));
    }

    private async Task Count<T>(string what, int expected, Func<Task<T>> work)
    {
        using var scope = cloud.Requests.BeginScope();
        await work();
        Report(what, scope.Entries.Select(e => $"{e.Method} {e.Path} → {e.Status}").ToList(), expected);
    }

    private void Report(string what, IReadOnlyList<string> requests, int expected)
    {
        output.WriteLine($"{what}: {requests.Count} request(s)");
        foreach (var request in requests)
        {
            output.WriteLine("    " + request);
        }

        Assert.True(expected == requests.Count, $"{what}: expected {expected} requests, got {requests.Count}:\n{string.Join('\n', requests)}");
    }

    private async Task<GlanceImage> ActiveAsync(string purpose)
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName(purpose), b => b["tags"] = new JsonArray("a"));
        await using (var data = new MemoryStream(new byte[256]))
        {
            await cloud.P1.Glance.UploadAsync(image.Id, data, data.Length, default);
        }

        return await cloud.P1.Glance.GetImageAsync(image.Id, default);
    }
}
