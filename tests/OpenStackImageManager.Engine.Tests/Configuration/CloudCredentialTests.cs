using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Engine.Tests.Configuration;

/// <summary>A credential given to the connection replaces the configured one in the resolved config, and never prints.</summary>
public sealed class CloudCredentialTests : IDisposable
{
    private const string Clouds = """
        clouds:
          prod:
            auth:
              auth_url: https://keystone.example/v3
              username: ops
              user_id: 42
              password: from-the-file
              project_name: images
          appcred:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.example/v3
              application_credential_id: abc
              application_credential_secret: file-secret
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("oim-credential-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CloudConfigLoader Loader()
    {
        File.WriteAllText(Path.Combine(_root, "clouds.yaml"), Clouds);
        return new CloudConfigLoader(new Dictionary<string, string>(), _root, null);
    }

    [Fact]
    public void A_password_credential_replaces_user_and_password_of_the_file()
    {
        var config = Loader().Load("prod", credential: new CloudCredential("vault-user", "vault-secret"));

        Assert.Equal(("vault-user", null, "vault-secret", "password"), (config.Username, config.UserId, config.Password, config.AuthType));
        Assert.Equal("images", config.ProjectName);
    }

    [Fact]
    public void On_an_application_credential_cloud_the_credential_is_its_id_and_secret()
    {
        var config = Loader().Load("appcred", credential: new CloudCredential("new-id", "new-secret"));

        Assert.Equal(("new-id", "new-secret", "v3applicationcredential"), (config.ApplicationCredentialId, config.ApplicationCredentialSecret, config.AuthType));
    }

    [Fact]
    public void The_auth_type_can_be_forced()
    {
        var config = Loader().Load("prod", credential: new CloudCredential("app-id", "app-secret", applicationCredential: true));

        Assert.Equal(("app-id", "app-secret", "v3applicationcredential", null), (config.ApplicationCredentialId, config.ApplicationCredentialSecret, config.AuthType, config.Password));
    }

    [Fact]
    public void The_credential_prints_without_its_secret()
    {
        var credential = new CloudCredential("user", "secret-one");

        Assert.DoesNotContain("secret", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-one", new CloudCredential("app", "secret-one", applicationCredential: true).ToString(), StringComparison.Ordinal);
    }
}
