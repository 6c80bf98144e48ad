using Amazon.S3;
using Amazon.S3.Model;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Mirror;

/// <summary>
/// The operator's whole path, on the real services: mirror an upstream image into the S3 bucket, then
/// import it into Glance from its mirror_url (a presigned S3 URL) while the upstream URL is already gone.
/// The checksum declared in the YAML is verified on the bytes that came out of S3.
/// </summary>
public sealed class MirrorThenImportTests
{
    [Fact]
    public async Task An_image_mirrored_into_S3_is_imported_from_its_mirror_url_when_upstream_is_gone()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        using var store = new MirrorTestStore();
        await using var cloud = await SyncCloud.ConnectAsync("oim-p1");
        using var upstream = new UpstreamTestServer();
        var file = TestImages.CreateFile(cloud.Work, "upstream.qcow2", "qcow2");
        var checksum = TestImages.Sha256(file);
        var upstreamUrl = upstream.AddFile("/upstream.qcow2", file);

        // 1. Mirror, through the same engine run Sync-ImageMirror and `openstack-image-manager mirror` use.
        var mirrored = Definitions.One(cloud, $"T7 {cloud.RunId} Mirrored", "qcow2", false, new Definitions.Version("1.0", upstreamUrl.ToString(), checksum));
        var batch = new MirrorBatch(store.Settings, store.Prefix, "{prefix}/{version}-mirrored{ext}", force: false);
        var candidate = Assert.Single(batch.Plan(mirrored));
        batch.Approve(candidate.Request!);
        var result = Assert.Single(await batch.RunAsync(2, NullOperationLog.Instance, CancellationToken.None));
        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.True(result.ChecksumVerified);

        // 2. Upstream removes the build; the definition now names the mirror (a presigned GET on the bucket,
        // on the test cloud's loopback S3 endpoint, which the user allows as a lab mirror would be).
        UpstreamAllowance.Allow(store.Settings.Endpoint.Port);
        var mirrorUrl = store.Client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = store.Bucket,
            Key = result.ObjectKey,
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddHours(1),
        });
        var definition = Definitions.One(cloud, $"T7 {cloud.RunId} Mirrored", "qcow2", false,
            new Definitions.Version("1.0", cloud.Server.Url("gone.qcow2"), checksum, MirrorUrl: mirrorUrl));

        var plan = await cloud.PlanAsync([definition]);
        var executed = Assert.Single(await cloud.ApplyAsync(plan));

        Assert.True(executed.Error is null, executed.Error?.Message);
        Assert.Equal(ChecksumVerification.Verified, executed.Result.Checksum);
        Assert.Equal("active", executed.Result.Image!.Status);
        Assert.Equal(new FileInfo(file).Length, executed.Result.BytesTransferred);
        Assert.Equal(0, cloud.Server.Requests("gone.qcow2"));
    }
}
