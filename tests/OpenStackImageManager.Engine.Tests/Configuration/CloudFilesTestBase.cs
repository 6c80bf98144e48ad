using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Engine.Tests.Configuration;

/// <summary>A temporary tree with a working directory (<c>work/</c>) and a home (<c>home/</c>) for clouds.yaml tests.</summary>
public abstract class CloudFilesTestBase : IDisposable
{
    /// <summary>Four clouds; <c>prod</c> has no password (secure.yaml adds one) and says <c>verify: false</c> on line 11.</summary>
    protected const string SampleClouds = """
        clouds:
          prod:
            auth:
              auth_url: https://keystone.example:5000
              username: ops
              project_name: images
              user_domain_name: Default
              project_domain_name: Default
            regions: [north, south]
            interface: internalURL
            verify: false
            image_endpoint_override: https://glance.example/v2
          appcred:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.example/v3
              application_credential_id: abc
              application_credential_secret: s3cr3t-value
          tokenauth:
            auth_type: v3token
            auth:
              auth_url: https://keystone.example/v3
              token: tok
              project_id: 0123456789abcdef0123456789abcdef
          weird:
            auth_type: oidc
            auth:
              auth_url: https://keystone.example/v3
        """;

    protected string Root { get; } = Directory.CreateTempSubdirectory("oim-config-").FullName;

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private protected CloudConfigLoader Loader(Dictionary<string, string>? environment = null) =>
        new(environment ?? [], Path.Combine(Root, "work"), Path.Combine(Root, "home"));

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> below the tree; returns the full path.</summary>
    protected string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
