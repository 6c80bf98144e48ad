using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Engine.Tests.Configuration;

/// <summary>The one rule that picks a cloud, for the cmdlets and the command line alike.</summary>
public sealed class CloudSelectionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("prod", true, "other", "http://k", CloudSource.Parameter, "prod")]
    [InlineData(null, true, "other", "http://k", CloudSource.DefaultSession, null)]
    [InlineData(null, false, "other", "http://k", CloudSource.OsCloud, "other")]
    [InlineData(null, false, null, "http://k", CloudSource.EnvironmentVariables, null)]
    [InlineData(null, false, null, null, CloudSource.Fallback, "openstack")]
    [InlineData("  ", false, " ", " ", CloudSource.Fallback, "openstack")]
    public void First_match_wins_parameter_default_session_os_cloud_os_auth_url_fallback(
        string? requested, bool hasDefault, string? osCloud, string? authUrl, CloudSource source, string? cloud)
    {
        var environment = Env(("OS_CLOUD", osCloud!), ("OS_AUTH_URL", authUrl!));

        var choice = CloudSelection.Choose(requested, hasDefault, environment, Defaults.CommandLineCloud);

        Assert.Equal(new CloudChoice(source, cloud), choice);
    }

    [Fact]
    public void A_given_cloud_beats_os_auth_url_and_without_a_fallback_nothing_is_chosen()
    {
        Assert.Equal(CloudSource.Parameter, CloudSelection.Choose("prod", false, Env(("OS_AUTH_URL", "http://k")))!.Source);
        Assert.Null(CloudSelection.Choose(null, false, Env()));
    }
}
