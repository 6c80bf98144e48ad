using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// A real sync against the local Glance whose upstream sends the tool to the cloud metadata address:
/// the tool refuses to read it, names the URL, and leaves no image behind.
/// </summary>
public class FetchPolicyTests
{
    [Fact]
    public async Task An_upstream_redirect_to_the_metadata_address_is_refused_and_no_image_is_left()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        cloud.Server.Redirect("moved.qcow2", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Redirected", "qcow2", false,
            new Definitions.Version("1", cloud.Server.Url("moved.qcow2"), new string('a', 64)));

        var result = Assert.Single(await cloud.SyncAsync([definition]));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Contains("169.254.169.254", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(cloud.Server.Url("moved.qcow2"), result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, cloud.Server.Requests("moved.qcow2"));
        Assert.Empty(await cloud.ManagedAsync());
    }

    [Fact]
    public async Task A_metadata_url_written_as_a_number_is_not_handed_to_Glance_either()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definition = Definitions.One(cloud, $"T5 {cloud.RunId} Numeric", "raw", false,
            new Definitions.Version("1", "http://2852039166/latest/user-data", null));

        var result = Assert.Single(await cloud.SyncAsync([definition], cloud.Options(ImportMethod.WebDownload)));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Contains("169.254.169.254", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await cloud.ManagedAsync());
    }
}
