using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Tests.Configuration;

/// <summary>A password in the user info of a configured URL is refused when clouds.yaml is read, and the error does not repeat it.</summary>
public sealed class UrlUserInfoTests : CloudFilesTestBase
{
    private const string WithAuthUrl = """
        clouds:
          lab:
            auth:
              auth_url: https://admin:hunter2-secret@keystone.example/v3
              username: u
              password: p
              project_name: p1
        """;

    private const string WithEndpointOverride = """
        clouds:
          lab:
            auth:
              auth_url: https://keystone.example/v3
              username: u
              password: p
              project_name: p1
            image_endpoint_override: https://svc:hunter2-secret@glance.example/v2
        """;

    [Theory]
    [InlineData(WithAuthUrl, "auth.auth_url")]
    [InlineData(WithEndpointOverride, "image_endpoint_override")]
    public void User_info_in_a_configured_url_is_refused_without_its_password(string clouds, string setting)
    {
        Write("work/clouds.yaml", clouds);

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("lab"));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("user info", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }
}
