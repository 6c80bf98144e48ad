using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// Against the real Glance: only verified bytes become visible. A new image is private, under its
/// staging name and pending while it imports; the final name and visibility come with the one PATCH
/// after verification; a mismatch leaves nothing; a changed checksum is a decision, never a silent
/// relabel; and an import that cannot be verified as asked is refused before anything is created.
/// </summary>
public class VerifiedImportTests
{
    private static string Sha512(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA512.HashData(stream));
    }

    private static ImageDefinition Raw(SyncCloud cloud, string name, string url, string checksum, string visibility = "community") =>
        Definitions.Load(cloud, DefinitionYaml.File(DefinitionYaml.Image(
            name, false, [new DefinitionYaml.Version("1", url, "2024-01-02", checksum)], DefinitionYaml.Minimal with { Format = "raw", Visibility = visibility })));

    /// <summary>Looks at the cloud at the moment the importer reports the new image created (it waits for this).</summary>
    private sealed class CreatedSnapshot(SyncCloud cloud) : IOperationLog
    {
        public IReadOnlyList<GlanceImage>? AtCreate { get; private set; }

        public void Progress(OperationProgress progress)
        {
            if (progress.Status == "created" && AtCreate is null)
            {
                AtCreate = cloud.ManagedAsync().GetAwaiter().GetResult();
            }
        }

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }

    [Fact]
    public async Task A_new_image_is_private_staged_and_pending_until_Glances_hash_verifies_it_then_one_patch_names_and_publishes_it()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "verified.raw", "raw");
        var definition = Raw(cloud, $"T5 {cloud.RunId} Verified", cloud.Server.Url("verified.raw"), "sha512:" + Sha512(file));
        var plan = await cloud.PlanAsync([definition]);
        // Glance fetches a raw, uncompressed file and hashes it with sha512: its hash verifies, no byte passes through us.
        Assert.Equal(ImportMethod.WebDownload, Assert.Single(plan).ImportMethod);
        var snapshot = new CreatedSnapshot(cloud);
        cloud.Requests.Clear();

        var result = Assert.Single(await SyncOperations.ApplyAsync(plan, null, cloud.Execution(), snapshot, CancellationToken.None));

        var during = Assert.Single(snapshot.AtCreate!);
        Assert.Equal($"T5 {cloud.RunId} Verified 1 (importing)", during.Name);
        Assert.Equal("private", during.Visibility);
        Assert.Matches("^[0-9a-f]{32}$", during.Properties[DesiredImage.PendingKey]);
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.VerifiedByGlance, result.Result.Checksum);
        Assert.Equal(0, result.Result.BytesTransferred);
        var after = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal($"T5 {cloud.RunId} Verified 1", after.Name);
        Assert.Equal("community", after.Visibility);
        Assert.False(after.Properties.ContainsKey(DesiredImage.PendingKey));
        // create, import, the polls, ONE patch: no other write to the image (the run's catalog lease is an image of its own).
        Assert.Equal(1, cloud.Requests.Count(r => r == $"PATCH /v2/images/{after.Id}"));
        Assert.Equal([$"POST /v2/images/{after.Id}/import"], cloud.Requests.Lines.Where(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains(after.Id, StringComparison.Ordinal)));
        Assert.Empty(await cloud.PlanAsync([definition]));
    }

    [Fact]
    public async Task A_wrong_checksum_after_web_download_leaves_no_image_and_says_it_was_deleted()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "wrong.raw", "raw");
        var definition = Raw(cloud, $"T5 {cloud.RunId} Wrong", cloud.Server.Url("wrong.raw"), "sha512:" + new string('0', 128));

        var result = Assert.Single(await cloud.SyncAsync([definition]));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Equal(ChecksumVerification.Mismatch, result.Result.Checksum);
        Assert.Equal(1, cloud.Server.Requests("wrong.raw"));
        Assert.Matches("checksum mismatch: .*; the new image [0-9a-f-]{36} was deleted$", result.Error!.Message);
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task A_changed_checksum_fails_the_run_and_keeps_the_image_until_a_reimport_verified_the_new_bytes()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var old = TestImages.CreateFile(cloud.Work, "old.qcow2", "qcow2");
        var name = $"T5 {cloud.RunId} Changed";
        var first = Assert.Single(await cloud.SyncAsync([Definitions.One(cloud, name, "qcow2", false, new Definitions.Version("1", cloud.Server.Url("old.qcow2"), TestImages.Sha256(old)))]));
        Assert.True(first.Error is null, first.Error?.Message);
        var original = Assert.Single(await cloud.ManagedAsync());

        // The catalog now names other bytes for the same version.
        var fresh = TestImages.CreateFile(cloud.Work, "new.qcow2", "qcow2", 3);
        var changed = Definitions.One(cloud, name, "qcow2", false, new Definitions.Version("1", cloud.Server.Url("new.qcow2"), TestImages.Sha256(fresh)));
        var conflict = Assert.Single(await cloud.PlanAsync([changed]));
        Assert.Equal(ImageChangeKind.Conflict, conflict.Kind);
        var refused = Assert.Single(await cloud.ApplyAsync([conflict]));
        Assert.Equal(SyncOutcome.Failed, refused.Result.Outcome);
        var untouched = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(TestImages.Sha256(old), untouched.Properties[DesiredImage.UpstreamChecksum]);
        Assert.Equal(cloud.Server.Url("old.qcow2"), untouched.Properties["image_source"]);

        // A re-import whose new bytes do not verify loses nothing: the current image stays as it was.
        var wrong = Definitions.One(cloud, name, "qcow2", false, new Definitions.Version("1", cloud.Server.Url("new.qcow2"), new string('9', 64)));
        var failed = Assert.Single(await cloud.SyncAsync([wrong], cloud.Options() with { ReimportChanged = true }));
        Assert.Equal(SyncOutcome.Failed, failed.Result.Outcome);
        Assert.Equal(original.Id, Assert.Single(await cloud.ManagedAsync()).Id);

        // The re-import that verifies: the new image takes the name, the old one steps aside, nothing is deleted.
        var reimport = Assert.Single(await cloud.SyncAsync([changed], cloud.Options() with { ReimportChanged = true }));
        Assert.True(reimport.Error is null, reimport.Error?.Message);
        var images = await cloud.ManagedAsync();
        Assert.Equal(2, images.Count);
        var current = Assert.Single(images, i => i.Id == reimport.Result.ImageId);
        Assert.Equal($"{name} 1", current.Name);
        Assert.Equal(TestImages.Sha256(fresh), current.Properties[DesiredImage.UpstreamChecksum]);
        var aside = Assert.Single(images, i => i.Id == original.Id);
        Assert.StartsWith($"{name} 1-replaced-", aside.Name, StringComparison.Ordinal);
        Assert.StartsWith("1-replaced-", aside.Properties[DesiredImage.InternalVersion], StringComparison.Ordinal);
        Assert.DoesNotContain(await cloud.PlanAsync([changed]), c => c.Kind is ImageChangeKind.Conflict or ImageChangeKind.Create);
    }

    [Fact]
    public async Task Web_download_that_cannot_verify_the_declared_checksum_is_refused_before_anything_is_created()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Refused", "refused.qcow2", "qcow2");
        cloud.Requests.Clear();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => cloud.PlanAsync([definition], cloud.Options(ImportMethod.WebDownload)));

        Assert.Equal(ImportRefusalReason.ChecksumNotVerifiableByGlance, Assert.Single(refused.Refusals).Reason);
        Assert.All(cloud.Requests.Lines, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.Equal(0, cloud.Server.Requests("refused.qcow2"));
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task A_queued_half_made_image_with_the_fixed_id_is_reused_because_Glance_never_gives_a_deleted_id_again()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "fixed.qcow2", "qcow2");
        var id = Guid.NewGuid().ToString();
        var name = $"T5 {cloud.RunId} Fixed";
        var definition = Definitions.One(cloud, name, "qcow2", false, new Definitions.Version("1", cloud.Server.Url("fixed.qcow2"), TestImages.Sha256(file), Id: id));
        // What a run killed right after its create leaves: queued, no failure marker, no lock.
        await cloud.Glance.CreateImageAsync(new JsonObject
        {
            ["id"] = id,
            ["name"] = $"{name} 1 (importing)",
            ["disk_format"] = "qcow2",
            ["container_format"] = "bare",
            ["visibility"] = "private",
            ["tags"] = new JsonArray(cloud.Tag),
            ["image_name"] = name,
            ["internal_version"] = "1",
            [DesiredImage.PendingKey] = "0123456789abcdef0123456789abcdef",
        }, CancellationToken.None);

        var result = Assert.Single(await cloud.SyncAsync([definition]));

        Assert.True(result.Error is null, result.Error?.Message);
        var image = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(id, image.Id);
        Assert.Equal("active", image.Status);
        Assert.Equal($"{name} 1", image.Name);
        Assert.False(image.Properties.ContainsKey(DesiredImage.PendingKey));

        // The fact behind the reuse: a deleted image's id is refused for good.
        await cloud.Glance.DeleteImageAsync(id, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<Engine.Errors.OpenStackApiException>(() => cloud.Glance.CreateImageAsync(
            new JsonObject { ["id"] = id, ["name"] = "again", ["disk_format"] = "raw", ["container_format"] = "bare", ["tags"] = new JsonArray(cloud.Tag) }, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Status);
    }
}
