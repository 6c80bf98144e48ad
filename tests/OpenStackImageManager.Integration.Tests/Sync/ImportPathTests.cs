using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// The three import paths against the real local Glance, conversion by its plugin, compressed
/// sources, checksums (verified, mismatch), a 404 source, the mirror fallback and a fixed id.
/// </summary>
public class ImportPathTests
{
    [Fact]
    public async Task GlanceDirectStreamsVerifiesAndGlanceConvertsQcow2ToRaw()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "direct.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Direct", "qcow2", false,
            new Definitions.Version("1.0", cloud.Server.Url("direct.qcow2"), TestImages.Sha256(file)));

        var plan = await cloud.PlanAsync([definition]);
        var create = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.Create, create.Kind);
        // sha256 declared, Glance hashes sha512 after converting: Auto must stream through us.
        Assert.Equal(ImportMethod.GlanceDirect, create.ImportMethod);

        var result = Assert.Single(await cloud.ApplyAsync(plan));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.Verified, result.Result.Checksum);
        Assert.Equal(new FileInfo(file).Length, result.Result.BytesTransferred);
        var image = result.Result.Image!;
        Assert.Equal("active", image.Status);
        Assert.Equal("raw", image.DiskFormat);
        Assert.Equal("private", image.Visibility);
        Assert.Equal($"T5 {cloud.RunId} Direct 1.0", image.Name);
        Assert.Equal("1.0", image.Properties["internal_version"]);
        Assert.Equal("tester", image.Properties["image_original_user"]);
        Assert.Equal($"T5 {cloud.RunId} Direct", image.Properties["image_name"]);
        Assert.Equal("2024-01-02", image.Properties["image_build_date"]);
        Assert.Equal(TestImages.Sha256(file), image.Properties["upstream_checksum"]);
        Assert.Contains("os:cirros", image.Tags);
        Assert.Contains(cloud.Tag, image.Tags);
        Assert.Equal(1, image.MinDisk);

        Assert.Empty(await cloud.PlanAsync([definition]));
    }

    [Fact]
    public async Task WebDownloadWhenNoChecksumIsDeclared()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "web.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Web", "qcow2", true,
            new Definitions.Version("2024", cloud.Server.Url("web.qcow2")));

        var plan = await cloud.PlanAsync([definition]);
        Assert.Equal(ImportMethod.WebDownload, Assert.Single(plan).ImportMethod);
        var result = Assert.Single(await cloud.ApplyAsync(plan));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(0, result.Result.BytesTransferred);
        Assert.Equal("raw", result.Result.Image!.DiskFormat);
        Assert.Equal($"T5 {cloud.RunId} Web", result.Result.Image.Name);
        Assert.Equal(1, cloud.Server.Requests("web.qcow2"));
    }

    [Fact]
    public async Task WebDownloadUnderBestEffortReportsTheChecksumUnverified()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Best", "best.qcow2", "qcow2");

        var plan = await cloud.PlanAsync([definition], cloud.Options(policy: ChecksumPolicy.BestEffort));
        Assert.Equal(ImportMethod.WebDownload, Assert.Single(plan).ImportMethod);
        var result = Assert.Single(await cloud.ApplyAsync(plan));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.Unverified, result.Result.Checksum);
    }

    [Fact]
    public async Task ABestEffortPlanAppliedLaterImportsAndKeepsTheImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.Served(cloud, $"T5 {cloud.RunId} Later", "later.qcow2", "qcow2");

        // Compare-GlanceImage -ChecksumPolicy BestEffort | Sync-GlanceImage: the applier has only its
        // execution knobs, at their defaults; the policy comes with the plan.
        var plan = await cloud.PlanAsync([definition], cloud.Options(policy: ChecksumPolicy.BestEffort));
        var create = Assert.Single(plan);
        Assert.Equal(ImportMethod.WebDownload, create.ImportMethod);
        Assert.Equal(ChecksumPolicy.BestEffort, create.Settings.ChecksumPolicy);
        var (session, requests) = await cloud.NewRunAsync();
        var results = await SyncOperations.ApplyAsync(plan, session, new ExecutionOptions(), NullOperationLog.Instance, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(SyncOutcome.Succeeded, result.Result.Outcome);
        Assert.Equal(ChecksumVerification.Unverified, result.Result.Checksum);
        Assert.Equal(0, requests.Count(r => r.StartsWith("DELETE ", StringComparison.Ordinal)));
        Assert.Equal(1, requests.Count(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/import", StringComparison.Ordinal)));
        var kept = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal("active", kept.Status);
        Assert.Equal(result.Result.ImageId, kept.Id);
    }

    [Fact]
    public async Task UploadKeepsQcow2BecausePutFileRunsNoPlugin()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "upload.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Upload", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("upload.qcow2"), TestImages.Sha256(file)));

        var plan = await cloud.PlanAsync([definition], cloud.Options(ImportMethod.Upload));
        Assert.Equal(ImportMethod.Upload, Assert.Single(plan).ImportMethod);
        var result = Assert.Single(await cloud.ApplyAsync(plan));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal("qcow2", result.Result.Image!.DiskFormat);
        Assert.Equal(ChecksumVerification.Verified, result.Result.Checksum);
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("bz2")]
    [InlineData("xz")]
    [InlineData("zst")]
    public async Task CompressedSourcesAreUnpackedWhileStreaming(string suffix)
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, $"packed-{suffix}.qcow2", "qcow2", 4);
        var packed = TestImages.Compress(file, suffix);
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Packed {suffix}", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url(Path.GetFileName(packed)), TestImages.Sha256(packed)));

        var plan = await cloud.PlanAsync([definition], cloud.Options(ImportMethod.GlanceDirect));
        var result = Assert.Single(await cloud.ApplyAsync(plan));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.Verified, result.Result.Checksum);
        Assert.Equal(new FileInfo(packed).Length, result.Result.BytesTransferred);
        Assert.Equal("raw", result.Result.Image!.DiskFormat);
        Assert.Equal(4L << 20, result.Result.Image.Size);
    }

    [Fact]
    public async Task AChecksumMismatchFailsAndLeavesNoImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        TestImages.CreateFile(cloud.Work, "bad.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Bad", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("bad.qcow2"), new string('0', 64)));

        var result = Assert.Single(await cloud.SyncAsync([definition]));
        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Equal(ChecksumVerification.Mismatch, result.Result.Checksum);
        Assert.Contains("checksum mismatch", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task AMissingSourceFailsAndLeavesNoImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Missing", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("nothing-here.qcow2"), new string('a', 64)));

        var result = Assert.Single(await cloud.SyncAsync([definition]));
        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Contains("404", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task AMissingMirrorObjectFallsBackToTheUrl()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "origin.qcow2", "qcow2");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Mirror", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("origin.qcow2"), TestImages.Sha256(file), MirrorUrl: cloud.Server.Url("mirror/origin.qcow2")));

        var result = Assert.Single(await cloud.SyncAsync([definition]));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(cloud.Server.Url("origin.qcow2"), result.Result.SourceUrl);
        Assert.Equal(1, cloud.Server.Requests("mirror/origin.qcow2"));
        Assert.Equal(cloud.Server.Url("origin.qcow2"), result.Result.Image!.Properties["image_source"]);
    }

    [Fact]
    public async Task AFileUrlAndAFixedIdAreUsed()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var file = TestImages.CreateFile(cloud.Work, "local.raw", "raw");
        var id = Guid.NewGuid().ToString();
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} File", "raw", false,
            new Definitions.Version("1", "file://" + file, TestImages.Sha256(file), Id: id));

        var result = Assert.Single(await cloud.SyncAsync([definition]));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(id, result.Result.Image!.Id);
        Assert.Equal("file:local.raw", result.Result.Image.Properties["image_source"]);
        Assert.Equal(ChecksumVerification.Verified, result.Result.Checksum);
    }
}
