using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>What a user of Compare-/Sync-GlanceImage notices: dry runs, parallel imports, latest, failed imports, filtered runs.</summary>
public class BehaviourTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PlanningAloneChangesNothingAndOnlyReads()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "one.qcow2", "qcow2");
        TestImages.CreateFile(cloud.Work, "two.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} DryRun", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("one.qcow2")), new Definitions.Version("2", cloud.Server.Url("two.qcow2")));
        var first = (await cloud.PlanAsync([definition])).Where(c => c.Version == "1").ToArray();
        Assert.All(await cloud.ApplyAsync(first), r => Assert.True(r.Error is null, r.Error?.Message));
        var id = Assert.Single(await cloud.ManagedAsync()).Id;
        await cloud.Glance.UpdateImageAsync(id, [PatchOperation.Add("os_distro", "drifted"), PatchOperation.Replace("visibility", "shared")], CancellationToken.None);
        var before = Snapshot(await cloud.ManagedAsync());
        cloud.Requests.Clear();

        var plan = await cloud.PlanAsync([definition]);

        Assert.Contains(plan, c => c.Kind == ImageChangeKind.Create && c.Version == "2");
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.UpdateProperties && c.ImageId == id);
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.SetVisibility && c.ImageId == id);
        Assert.NotEmpty(cloud.Requests.Lines);
        Assert.All(cloud.Requests.Lines, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(await cloud.ManagedAsync()));
        Assert.Equal(0, cloud.Server.Requests("two.qcow2"));
    }

    [Fact]
    public async Task ParallelImportsAllBecomeActiveOnceEach()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definitions = Enumerable.Range(1, 5).Select(i =>
        {
            var file = TestImages.CreateFile(cloud.Work, $"p{i}.qcow2", "qcow2");
            return Definitions.One(cloud, $"T5 {cloud.RunId} Parallel{i}", "qcow2", false,
                new Definitions.Version("1", cloud.Server.Url($"p{i}.qcow2"), TestImages.Sha256(file)));
        }).ToArray();
        var plan = await cloud.PlanAsync(definitions, cloud.Options(ImportMethod.GlanceDirect));
        cloud.Requests.Clear();

        var results = await cloud.ApplyAsync(plan, cloud.Execution(throttle: 5));

        Assert.All(results, r => Assert.True(r.Error is null, r.Error?.Message));
        Assert.All(results, r => Assert.Equal(ChecksumVerification.Verified, r.Result.Checksum));
        Assert.Equal(5 + 1, cloud.Requests.Count(r => r == "POST /v2/images")); // + the catalog lease's epoch
        var images = await cloud.ManagedAsync();
        Assert.Equal(5, images.Count);
        Assert.Equal(definitions.Select(d => d.Versions[0].GlanceName).Order(), images.Select(i => i.Name).Order());
        Assert.All(images, i => Assert.Equal("active", i.Status));
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(1, cloud.Server.Requests($"p{i}.qcow2")));
        Assert.Empty(await cloud.PlanAsync(definitions));
    }

    [Fact]
    public async Task LatestImportsOnceAndANewUpstreamDigestImportsAgainAndRenamesTheOldImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "current.qcow2", "qcow2");
        WriteManifest(cloud, file);
        var yaml = Definitions.Yaml($"T5 {cloud.RunId} Latest", "qcow2", false, "private", [new Definitions.Version("latest", cloud.Server.Url("current.qcow2"))])
            .Replace("        build_date:", $"        checksums_url: {cloud.Server.Url("SHA256SUMS")}\n        build_date:", StringComparison.Ordinal);
        var definition = Definitions.Load(cloud, yaml);
        var glanceName = definition.Versions[0].GlanceName;

        var first = await cloud.SyncAsync([definition]);
        Assert.Equal(ImageChangeKind.Create, Assert.Single(first).Result.Change.Kind);
        Assert.All(first, r => Assert.True(r.Error is null, r.Error?.Message));
        var original = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(TestImages.Sha256(file), original.Properties["upstream_checksum"]);

        Assert.Empty(await cloud.PlanAsync([definition]));

        TestImages.CreateFile(cloud.Work, "current.qcow2", "qcow2"); // a new upstream build at the same URL
        WriteManifest(cloud, file);
        var plan = await cloud.PlanAsync([definition]);
        var rename = Assert.Single(plan, c => c.Kind == ImageChangeKind.Rename);
        Assert.Equal(original.Id, rename.ImageId);
        Assert.Equal($"{definition.Name} {original.Properties["internal_version"]}", rename.ImageName);
        Assert.Single(plan, c => c.Kind == ImageChangeKind.Create);
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.True(r.Error is null, r.Error?.Message));

        var images = await cloud.ManagedAsync();
        Assert.Equal(2, images.Count);
        var renamed = Assert.Single(images, i => i.Id == original.Id);
        var current = Assert.Single(images, i => i.Id != original.Id);
        Assert.Equal(rename.ImageName, renamed.Name);
        Assert.Equal(glanceName, current.Name);
        Assert.Equal(TestImages.Sha256(file), current.Properties["upstream_checksum"]);
        Assert.Equal("active", current.Status);
        Assert.Empty(await cloud.PlanAsync([definition]));
    }

    [Fact]
    public async Task A_plan_made_with_a_tag_is_applied_with_that_tag_whatever_the_applier_defaults_to()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Tagged", "tagged.qcow2", "qcow2");

        // Compare-GlanceImage -Tag <ours> | Sync-GlanceImage: the applier knows only the default tag.
        var plan = await cloud.PlanAsync([definition]);
        Assert.All(plan, item => Assert.Equal(cloud.Tag, item.Settings.ManagedTag));
        Assert.Single(plan.Select(item => item.Settings).Distinct());
        var results = await SyncOperations.ApplyAsync(plan, null, new ExecutionOptions(), NullOperationLog.Instance, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Error is null, r.Error?.Message));
        var image = Assert.Single(await cloud.ManagedAsync());
        Assert.Contains(cloud.Tag, image.Tags);
        Assert.DoesNotContain("managed_by_osism", image.Tags);
        Assert.Empty(await cloud.PlanAsync([definition]));
    }

    [Fact]
    public async Task LatestBytesThatDoNotMatchTheUpstreamDigestFailAndLeaveNoImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "current.qcow2", "qcow2");
        // The manifest names a digest the served bytes do not have (a truncated or tampered download).
        File.WriteAllText(Path.Combine(cloud.Work, "SHA256SUMS"), $"{new string('a', 64)}  current.qcow2\n");
        var yaml = Definitions.Yaml($"T5 {cloud.RunId} LatestBad", "qcow2", false, "private", [new Definitions.Version("latest", cloud.Server.Url("current.qcow2"))])
            .Replace("        build_date:", $"        checksums_url: {cloud.Server.Url("SHA256SUMS")}\n        build_date:", StringComparison.Ordinal);
        var definition = Definitions.Load(cloud, yaml);

        var result = Assert.Single(await cloud.SyncAsync([definition], cloud.Options(ImportMethod.GlanceDirect)));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Equal(ChecksumVerification.Mismatch, result.Result.Checksum);
        Assert.Contains("checksum mismatch", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task BytesThatAreNotTheDeclaredFormatFailTheImportAndLeaveNoImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = Path.Combine(cloud.Work, "not-qcow2.qcow2");
        var junk = new byte[3 << 20];
        Random.Shared.NextBytes(junk);
        await File.WriteAllBytesAsync(file, junk);
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Junk", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("not-qcow2.qcow2"), TestImages.Sha256(file)));

        var result = Assert.Single(await cloud.SyncAsync([definition], cloud.Options(ImportMethod.GlanceDirect)));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Equal(ChecksumVerification.Verified, result.Result.Checksum); // the bytes arrived as published; Glance refused them
        output.WriteLine(result.Error!.Message);
        Assert.Contains("import", result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task AFilteredRunReportsNoOtherDefinitionAsOrphanedUnlessAsked()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "a.qcow2", "qcow2");
        TestImages.CreateFile(cloud.Work, "b.qcow2", "qcow2");
        var a = Definitions.One(cloud, $"T5 {cloud.RunId} FilterA", "qcow2", false, new Definitions.Version("1", cloud.Server.Url("a.qcow2")));
        var b = Definitions.One(cloud, $"T5 {cloud.RunId} FilterB", "qcow2", false, new Definitions.Version("1", cloud.Server.Url("b.qcow2")));
        Assert.All(await cloud.SyncAsync([a, b]), r => Assert.True(r.Error is null, r.Error?.Message));
        var imageOfB = (await cloud.ManagedAsync()).Single(i => i.Name == b.Versions[0].GlanceName);
        var handMade = await cloud.Glance.CreateImageAsync(
            new JsonObject { ["name"] = $"T5 {cloud.RunId} by hand", ["disk_format"] = "raw", ["container_format"] = "bare", ["tags"] = new JsonArray(cloud.Tag) }, CancellationToken.None);

        var filtered = await cloud.PlanAsync([a]);
        var whole = await cloud.PlanAsync([a], cloud.Options() with { IncludeOrphaned = true });

        Assert.Equal([handMade.Id], filtered.Where(c => c.Kind == ImageChangeKind.Orphaned).Select(c => c.ImageId));
        Assert.Equal(new[] { imageOfB.Id, handMade.Id }.Order(), whole.Where(c => c.Kind == ImageChangeKind.Orphaned).Select(c => c.ImageId!).Order());
        Assert.Equal(2, whole.Count);
    }

    private static void WriteManifest(SyncCloud cloud, string file) =>
        File.WriteAllText(Path.Combine(cloud.Work, "SHA256SUMS"), $"{new string('f', 64)}  other.qcow2\n{TestImages.Sha256(file)}  {Path.GetFileName(file)}\n");

    private static string[] Snapshot(IReadOnlyList<GlanceImage> images) =>
        images.OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => $"{i.Id} {i.Name} {i.Status} {i.Visibility} {i.UpdatedAt:O} {string.Join(',', i.Tags.Order())} {string.Join(',', i.Properties.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))}")
            .ToArray();
}
