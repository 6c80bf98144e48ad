using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>
/// Against the local Keystone and Glance: one cloud name <c>prod</c> in two clouds.yaml files (projects
/// oim-p1 and oim-p2). Switching OS_CLIENT_CONFIG_FILE switches the project; a corrected password is used.
/// </summary>
[Collection(CloudCollection.Name)]
public sealed class SessionCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oim-prod-").FullName;
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<OpenStackSession> _opened = [];

    public void Dispose()
    {
        foreach (var session in _opened)
        {
            SessionRegistry.Disconnect(session);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A clouds.yaml whose cloud <c>prod</c> is the test cloud <paramref name="cloud"/>.</summary>
    private string ProdFile(string folder, string cloud, string? password = null)
    {
        var c = TestCloud.Config(cloud);
        var path = Path.Combine(_root, folder, "clouds.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            clouds:
              prod:
                auth:
                  auth_url: {c.AuthUrl}
                  username: {c.Username}
                  password: '{password ?? c.Password}'
                  project_name: {c.ProjectName}
                  user_domain_name: {c.UserDomainName ?? "Default"}
                  project_domain_name: {c.ProjectDomainName ?? "Default"}
            """);
        return path;
    }

    private SessionCache Cache() => new(directory => new CloudConfigLoader(_environment, directory ?? _root, null));

    private async Task<OpenStackSession> Prod(SessionCache cache)
    {
        var session = await cache.GetOrConnectAsync(new CloudChoice(CloudSource.Parameter, "prod"), _root, NullOperationLog.Instance, CancellationToken.None);
        _opened.Add(session);
        return session;
    }

    [Fact]
    public async Task Switching_the_clouds_yaml_switches_the_project_of_prod()
    {
        var cache = Cache();
        _environment["OS_CLIENT_CONFIG_FILE"] = ProdFile("a", "oim-p1");
        var first = await Prod(cache);
        _environment["OS_CLIENT_CONFIG_FILE"] = ProdFile("b", "oim-p2");
        var second = await Prod(cache);

        Assert.Equal(("oim-p1", "oim-p2"), (first.ProjectName, second.ProjectName));
        var images = await ImageOperations.GetAsync(second, new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None);
        Assert.All(images.Where(i => i.Visibility is "private"), i => Assert.Equal(second.ProjectId, i.Owner));
        _environment["OS_CLIENT_CONFIG_FILE"] = Path.Combine(_root, "a", "clouds.yaml");
        Assert.Same(first, await Prod(cache));
    }

    [Fact]
    public async Task A_corrected_password_is_used_and_a_wrong_one_fails_without_a_session()
    {
        var cache = Cache();
        _environment["OS_CLIENT_CONFIG_FILE"] = ProdFile("a", "oim-p1", password: "not-the-password");
        var failure = await Assert.ThrowsAnyAsync<OpenStackException>(() => Prod(cache));
        Assert.DoesNotContain("not-the-password", failure.Message, StringComparison.Ordinal);

        ProdFile("a", "oim-p1");
        var session = await Prod(cache);

        Assert.Equal("oim-p1", session.ProjectName);
    }
}
