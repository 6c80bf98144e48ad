using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Integration.Tests.Mirror;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Updates;

/// <summary>
/// The weekly job on the real services: find the new build upstream (the local stand-in), verify it,
/// mirror it into the test cloud's S3 (bucket oim-test, a prefix of this run), write it into the
/// definition file, and sync the result into Glance (project oim-p4).
/// </summary>
public sealed class CatalogUpdateEndToEndTests
{
    private static string Fixtures => Path.Combine(SyncCloud.RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures");

    [Fact]
    public async Task Find_update_mirror_and_sync_a_new_build()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        using var upstream = new UpstreamFixtureServer(Path.Combine(Fixtures, "upstream"));
        using var store = new MirrorTestStore();
        await using var cloud = await SyncCloud.ConnectAsync("oim-p4");
        var name = $"Upd {cloud.RunId} Ubuntu";
        var file = Path.Combine(cloud.Work, "ubuntu.yml");
        File.WriteAllText(file, $"""
            ---
            # Written by hand; the updater must keep this comment.
            images:
              - name: {name}
                enable: true
                shortname: upd-{cloud.RunId}
                format: raw
                login: ubuntu
                min_disk: 1
                min_ram: 512
                status: active
                visibility: private
                multi: true
                meta:
                  architecture: x86_64
                  hw_disk_bus: scsi
                  hypervisor_type: qemu
                  os_distro: ubuntu
                  os_version: '24.04'
                  os_purpose: generic
                  replace_frequency: quarterly
                  uuid_validity: last-3
                  provided_until: none
                tags: []
                latest_checksum_url: {upstream.BaseUrl}ubuntu/noble/current/SHA256SUMS
                latest_url: {upstream.BaseUrl}ubuntu/noble/current/noble-server-cloudimg-amd64.img
                versions:
                  - version: '20260108'
                    url: {upstream.BaseUrl}ubuntu/noble/20260108/noble-server-cloudimg-amd64.img
                    mirror_url: http://mirror.invalid/old.raw  # the old build's copy
                    checksum: sha256:{new string('0', 64)}
                    build_date: 2026-01-08

            """);
        var definition = Assert.Single(DefinitionLoader.Load([file], false, NullOperationLog.Instance, CancellationToken.None).Definitions);

        // 1. Find and verify: 2 requests (listing, manifest) and one streamed download.
        using var updates = new CatalogUpdates(new UpdateOptions { Verify = true });
        var check = await updates.CheckAsync(definition, NullOperationLog.Instance, CancellationToken.None);
        Assert.True(check.Error is null, check.Error);
        var update = check.Update!;
        Assert.True(update.IsNew && update.Verified);
        Assert.Equal("20261203", update.NewVersion);
        Assert.Equal(2, updates.Requests);

        // 2. Mirror through the mirror engine, then write: mirror_url names an object that exists.
        var bucketUrl = new Uri(store.Settings.Endpoint, store.Bucket + "/");
        using var updater = new DefinitionUpdater(new UpdateOptions(), new MirrorTarget(bucketUrl, store.Prefix, null, store.Settings), NullOperationLog.Instance);
        var prepared = await updater.PrepareAsync(update, CatalogUpdatePolicy.Auto, 0, NullOperationLog.Instance, CancellationToken.None);
        var key = $"{store.Prefix}/upd-{cloud.RunId}/20261203-upd-{cloud.RunId}.raw";
        Assert.Null(await store.HeadAsync(key));
        var written = await updater.WriteAsync(prepared, NullOperationLog.Instance, CancellationToken.None);
        Assert.True(written.Written);
        Assert.Equal(UpstreamFixtureServer.ImageBytes("/ubuntu/noble/20261203/noble-server-cloudimg-amd64.img"), await store.ReadAsync(key));
        var text = File.ReadAllText(file);
        Assert.Contains("# Written by hand; the updater must keep this comment.", text, StringComparison.Ordinal);
        Assert.Contains($"mirror_url: {bucketUrl}{key}  # the old build's copy", text, StringComparison.Ordinal);

        // 3. Sync the written catalog: the bucket is private, so the import falls back to url, and
        //    the checksum written from the manifest is verified on the bytes.
        var reloaded = DefinitionLoader.Load([file], false, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(reloaded.HasErrors);
        var executed = await cloud.SyncAsync(reloaded.Definitions);
        var create = Assert.Single(executed, e => e.Result.Kind == ImageChangeKind.Create);
        Assert.True(create.Error is null, create.Error?.Message);
        Assert.Equal(ChecksumVerification.Verified, create.Result.Checksum);
        var image = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(name, image.Name);
        Assert.Equal("20261203", image.Properties["internal_version"]);
        Assert.Equal("2026-12-03", image.Properties["image_build_date"]);
    }
}
