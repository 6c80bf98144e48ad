using OpenStackImageManager.Integration.Tests.Mirror;
using OpenStackImageManager.Integration.Tests.Sync;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Cli;

/// <summary>
/// The command's side jobs against the real services: sharing mode (--share-image) between the two
/// test projects, and the mirror subcommand into the local Swift S3.
/// </summary>
public sealed class CliSideJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Share_image_adds_and_removes_the_other_project_as_a_member()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var owner = await SyncCloud.ConnectAsync("oim-p1");
        await using var other = await SyncCloud.ConnectAsync("oim-p2");
        var name = $"OIM Share {owner.RunId}";
        var file = TestImages.CreateFile(owner.Work, "share.qcow2", "qcow2");
        var catalog = Path.Combine(owner.Work, "images");
        Directory.CreateDirectory(catalog);
        await File.WriteAllTextAsync(Path.Combine(catalog, "share.yml"), Definitions.Yaml(name, "qcow2", multi: true, "private", [new Definitions.Version("1", owner.Server.Url("share.qcow2"), TestImages.Sha256(file))]));
        var created = await CliProcess.RunAsync(owner.Work, "--cloud", "oim-p1", "--images", catalog, "--tag", owner.Tag);
        Assert.True(created.ExitCode == 0, created.ToString());
        var image = Assert.Single(await owner.ManagedAsync());

        var shared = await CliProcess.RunAsync(owner.Work, "--cloud", "oim-p1", "--share-image", name, "--share-target", other.Session.ProjectId!, "--images", catalog);
        output.WriteLine(shared.ToString());

        Assert.Equal(0, shared.ExitCode);
        var member = await owner.Glance.GetMemberAsync(image.Id, other.Session.ProjectId!, CancellationToken.None);
        Assert.NotNull(member);
        Assert.Equal("shared", (await owner.Glance.GetImageAsync(image.Id, CancellationToken.None)).Visibility);

        // The owner's own project: the engine's rule (no membership needed), not one of the CLI's own.
        var toOwner = await CliProcess.RunAsync(owner.Work, "--cloud", "oim-p1", "--share-image", image.Id, "--share-target", owner.Session.ProjectId!, "--images", catalog);
        output.WriteLine(toOwner.ToString());
        Assert.Equal(0, toOwner.ExitCode);
        Assert.Contains("no member needed", toOwner.ToString(), StringComparison.Ordinal);
        Assert.Null(await owner.Glance.GetMemberAsync(image.Id, owner.Session.ProjectId!, CancellationToken.None));

        var removed = await CliProcess.RunAsync(owner.Work, "--cloud", "oim-p1", "--share-image", image.Id, "--share-target", other.Session.ProjectId!, "--share-action", "del", "--images", catalog);
        output.WriteLine(removed.ToString());

        Assert.Equal(0, removed.ExitCode);
        Assert.Null(await owner.Glance.GetMemberAsync(image.Id, other.Session.ProjectId!, CancellationToken.None));
    }

    [Fact]
    public async Task Mirror_uploads_once_then_skips_and_never_prints_the_secret()
    {
        using var store = new MirrorTestStore();
        using var upstream = new UpstreamTestServer();
        var bytes = MirrorFixtures.SampleImage;
        var url = upstream.Add("/images/cli-mirror.qcow2", bytes);
        var work = Directory.CreateTempSubdirectory("oim-cli-mirror-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "mirror.yml"), $"""
                images:
                  - name: OIM Mirror Cli
                    enable: true
                    format: qcow2
                    login: tester
                    min_disk: 1
                    min_ram: 64
                    status: active
                    visibility: private
                    multi: true
                    shortname: oim-cli
                    meta:
                      architecture: x86_64
                      hw_disk_bus: scsi
                      hypervisor_type: qemu
                      os_distro: cirros
                      os_purpose: minimal
                      os_version: '1'
                      replace_frequency: never
                      uuid_validity: none
                      provided_until: none
                    tags: []
                    versions:
                      - version: '20250101'
                        url: {url}
                        checksum: "{MirrorFixtures.Sha256(bytes)}"
                        build_date: 2025-01-01
                """);
            var environment = new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = store.Settings.Credentials.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = store.Settings.Credentials.SecretKey,
            };
            string[] arguments = ["mirror", "--images", work, "--endpoint", store.Settings.Endpoint.ToString(), "--bucket", store.Bucket, "--prefix", store.Prefix, "--debug"];

            var first = await CliProcess.RunAsync(work, environment, arguments);
            output.WriteLine(first.ToString());
            var key = $"{store.Prefix}/oim-cli/20250101-oim-cli.qcow2";

            Assert.Equal(0, first.ExitCode);
            Assert.Contains($"Uploaded: s3://{store.Bucket}/{key} ({bytes.Length} bytes, checksum verified)", first.Output, StringComparison.Ordinal);
            Assert.Equal(bytes, await store.ReadAsync(key));

            var second = await CliProcess.RunAsync(work, environment, arguments);
            output.WriteLine(second.ToString());

            Assert.Equal(0, second.ExitCode);
            Assert.Contains($"Skipped: s3://{store.Bucket}/{key}", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(store.Settings.Credentials.SecretKey, first.Output + first.Error + second.Output + second.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
