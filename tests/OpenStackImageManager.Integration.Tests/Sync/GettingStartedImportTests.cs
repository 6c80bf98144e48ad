using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// The Python tool's getting-started definition, as its user guide prints it (no enable, no
/// hypervisor_type, no os_purpose), validates and imports; only its upstream is the local test
/// server, and its name carries the run id so the test finds and removes its own image.
/// </summary>
public sealed class GettingStartedImportTests
{
    private const string UpstreamUrl = "https://github.com/cirros-dev/cirros/releases/download/0.6.0/cirros-0.6.0-x86_64-disk.img";
    private const string UpstreamChecksum = "sha256:94e1e2c94dbbae7d4bdc38e68590a1daf73c9de2d03dd693857b4b0a042548e8";

    [Fact]
    public async Task The_getting_started_definition_imports_as_written_and_a_second_run_plans_nothing()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync();
        var image = TestImages.CreateFile(cloud.Work, "cirros-0.6.0-x86_64-disk.img", "qcow2");
        var fixture = Path.Combine(SyncCloud.RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures", "getting-started", "getting-started.yml");
        var text = File.ReadAllText(fixture);
        Assert.Contains(UpstreamUrl, text, StringComparison.Ordinal);
        Assert.Contains(UpstreamChecksum, text, StringComparison.Ordinal);
        var file = Path.Combine(cloud.Work, "getting-started.yml");
        File.WriteAllText(file, text
            .Replace("name: MyCirros", $"name: GS {cloud.RunId} MyCirros", StringComparison.Ordinal)
            .Replace(UpstreamUrl, cloud.Server.Url("cirros-0.6.0-x86_64-disk.img"), StringComparison.Ordinal)
            .Replace(UpstreamChecksum, "sha256:" + TestImages.Sha256(image), StringComparison.Ordinal));

        var loaded = DefinitionLoader.Load([file], strict: false, NullOperationLog.Instance, CancellationToken.None);
        Assert.Empty(loaded.Problems);
        var results = await cloud.SyncAsync(loaded.Definitions);

        Assert.All(results, r => Assert.True(r.Error is null, r.Error?.Message));
        var created = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(($"GS {cloud.RunId} MyCirros 0.6.0", "active", "private"), (created.Name, created.Status, created.Visibility));
        Assert.Equal("cirros", created.Properties["os_distro"]);
        Assert.Equal("cirros", created.Properties["image_original_user"]);
        Assert.False(created.Properties.ContainsKey("hypervisor_type"));
        Assert.False(created.Properties.ContainsKey("os_purpose"));
        Assert.Empty(await cloud.PlanAsync(loaded.Definitions));
    }
}
