using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>Drift is corrected every run in one PATCH; a run killed mid-import converges on the next run.</summary>
public class ReconcileTests
{
    [Fact]
    public async Task PropertyDriftIsCorrectedInOnePatchAndForeignPropertiesStay()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "drift.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Drift", "qcow2", false, new Definitions.Version("1", cloud.Server.Url("drift.qcow2")));
        var created = Assert.Single(await cloud.SyncAsync([definition]));
        var id = created.Result.Image!.Id;
        await cloud.Glance.UpdateImageAsync(id, [PatchOperation.Add("os_distro", "ubuntu"), PatchOperation.Add("site_note", "keep me"), PatchOperation.Replace("min_ram", 1)], CancellationToken.None);

        var plan = await cloud.PlanAsync([definition]);
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.UpdateProperties && c.Changes.Any(p => p.Name == "os_distro" && p.NewValue == "cirros"));
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.UpdateMinRam);
        Assert.DoesNotContain(plan.SelectMany(c => c.Changes), p => p.Name == "site_note");
        cloud.Requests.Clear();
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.True(r.Error is null, r.Error?.Message));
        Assert.Equal(1, cloud.Requests.Count(r => r.StartsWith($"PATCH /v2/images/{id}", StringComparison.Ordinal))); // the catalog lease has its own
        Assert.Empty(await cloud.PlanAsync([definition]));
        Assert.Equal("keep me", (await cloud.Glance.GetImageAsync(id, CancellationToken.None)).Properties["site_note"]);
    }

    [Fact]
    public async Task AKilledRunConvergesWithoutDuplicatesOrLeftovers()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "a.qcow2", "qcow2");
        TestImages.CreateFile(cloud.Work, "b.qcow2", "qcow2");
        var a = Definitions.One(cloud, $"T5 {cloud.RunId} KilledA", "qcow2", false, new Definitions.Version("1", cloud.Server.Url("a.qcow2")));
        var b = Definitions.One(cloud, $"T5 {cloud.RunId} KilledB", "qcow2", false, new Definitions.Version("1", cloud.Server.Url("b.qcow2")));

        // What a killed run leaves: images created with their identity, one still queued, one with half its bytes staged.
        foreach (var (definition, file) in new[] { (a, (string?)null), (b, "b.qcow2") })
        {
            var create = (await cloud.PlanAsync([definition])).Single(c => c.Kind == ImageChangeKind.Create);
            var body = new JsonObject { ["name"] = create.ImageName, ["disk_format"] = "qcow2", ["container_format"] = "bare", ["visibility"] = "private" };
            foreach (var (key, value) in create.Target.Properties)
            {
                body[key] = value;
            }

            body["tags"] = new JsonArray(cloud.Tag);
            var image = await cloud.Glance.CreateImageAsync(body, CancellationToken.None);
            if (file is not null)
            {
                await cloud.Glance.StageAsync(image.Id, new MemoryStream(new byte[4096]), 4096, CancellationToken.None);
            }
        }

        var plan = await cloud.PlanAsync([a, b]);
        Assert.Equal(2, plan.Count(c => c.Kind == ImageChangeKind.Create && c.Image is not null));
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.True(r.Error is null, r.Error?.Message));
        var images = await cloud.ManagedAsync();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal("active", i.Status));
        Assert.Empty(await cloud.PlanAsync([a, b]));
    }
}
