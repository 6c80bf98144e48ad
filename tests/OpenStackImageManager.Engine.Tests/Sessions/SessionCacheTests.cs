using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sessions;

/// <summary>
/// A session is reused only for the same resolved cloud: two clouds.yaml files that both define
/// <c>prod</c>, an edited file or a corrected password give a new one; a failed connect remembers nothing.
/// </summary>
public sealed class SessionCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oim-sessions-").FullName;
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<CloudConfig> _connects = [];
    private readonly HashSet<Guid> _live = [];
    private Exception? _failNext;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SessionCache Cache() => new(
        directory => new CloudConfigLoader(_environment, directory ?? _root, null),
        (config, _, _) =>
        {
            if (_failNext is { } failure)
            {
                _failNext = null;
                return Task.FromException<OpenStackSession>(failure);
            }

            _connects.Add(config);
            var session = new OpenStackSession(Guid.NewGuid(), config.Name) { ProjectName = config.ProjectName, ConfigFile = config.SourceFile };
            _live.Add(session.Handle);
            return Task.FromResult(session);
        },
        session => _live.Contains(session.Handle));

    private string CloudsFile(string folder, string project, string password = "secret")
    {
        var path = Path.Combine(_root, folder, "clouds.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            clouds:
              prod:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  username: ops
                  password: {password}
                  project_name: {project}
                  user_domain_name: Default
                  project_domain_name: Default
            """);
        return path;
    }

    private static Task<OpenStackSession> Prod(SessionCache cache) =>
        cache.GetOrConnectAsync(new CloudChoice(CloudSource.Parameter, "prod"), null, NullOperationLog.Instance, CancellationToken.None);

    [Fact]
    public async Task The_same_cloud_is_reused_and_another_clouds_yaml_with_the_same_name_is_another_session()
    {
        var fileA = CloudsFile("a", "project-a");
        var fileB = CloudsFile("b", "project-b");
        var cache = Cache();

        _environment["OS_CLIENT_CONFIG_FILE"] = fileA;
        var first = await Prod(cache);
        var again = await Prod(cache);
        _environment["OS_CLIENT_CONFIG_FILE"] = fileB;
        var other = await Prod(cache);
        _environment["OS_CLIENT_CONFIG_FILE"] = fileA;
        var back = await Prod(cache);

        Assert.Same(first, again);
        Assert.Same(first, back);
        Assert.NotEqual(first.Handle, other.Handle);
        Assert.Equal(("project-a", "project-b"), (first.ProjectName, other.ProjectName));
        Assert.Equal(2, _connects.Count);
    }

    [Fact]
    public async Task A_corrected_password_or_an_edited_file_gives_a_new_session()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a", password: "wrong");
        var cache = Cache();
        var first = await Prod(cache);

        CloudsFile("a", "project-a", password: "right");
        var corrected = await Prod(cache);
        File.AppendAllText(_environment["OS_CLIENT_CONFIG_FILE"], "\n# a comment\n");
        var edited = await Prod(cache);

        Assert.Equal(3, new[] { first.Handle, corrected.Handle, edited.Handle }.Distinct().Count());
        Assert.Equal(["wrong", "right", "right"], _connects.Select(c => c.Password));
    }

    [Fact]
    public async Task A_disconnected_session_is_not_handed_out_again()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a");
        var cache = Cache();
        var first = await Prod(cache);

        _live.Remove(first.Handle);
        var next = await Prod(cache);

        Assert.NotEqual(first.Handle, next.Handle);
    }

    [Fact]
    public async Task A_failed_connect_remembers_nothing_and_forgets_nothing()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a");
        var cache = Cache();
        var first = await Prod(cache);

        _failNext = new OpenStackException(OpenStackErrorKind.Authentication, "refused");
        await Assert.ThrowsAsync<OpenStackException>(() => cache.ConnectAsync(
            new CloudChoice(CloudSource.Parameter, "prod"), null, null, null, NullOperationLog.Instance, CancellationToken.None));
        var after = await Prod(cache);

        Assert.Same(first, after);
    }

    [Fact]
    public async Task Connect_always_authenticates_and_is_then_reused_for_the_same_cloud()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a");
        var cache = Cache();
        var cached = await Prod(cache);

        var connected = await cache.ConnectAsync(new CloudChoice(CloudSource.Parameter, "prod"), null, null, null, NullOperationLog.Instance, CancellationToken.None);
        var reused = await Prod(cache);

        Assert.NotEqual(cached.Handle, connected.Handle);
        Assert.Same(connected, reused);
    }

    [Fact]
    public void The_fingerprint_is_keyed_and_never_holds_the_password()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a", password: "p4ssw0rd-value");
        var config = new CloudConfigLoader(_environment, _root, null).Load("prod");

        var one = CloudFingerprint.Of(config, [1, 2, 3]);
        var other = CloudFingerprint.Of(config, [4, 5, 6]);

        Assert.NotEqual(one, other);
        Assert.Equal(one, CloudFingerprint.Of(config, [1, 2, 3]));
        Assert.DoesNotContain("p4ssw0rd", one, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(one, CloudFingerprint.Of(config with { Password = "other" }, [1, 2, 3]));
        Assert.NotEqual(one, CloudFingerprint.Of(config with { RegionName = "south" }, [1, 2, 3]));
        Assert.NotEqual(one, CloudFingerprint.Of(config with { Interface = "internal" }, [1, 2, 3]));
    }

    [Fact]
    public async Task A_credential_is_part_of_the_fingerprint_so_another_credential_is_another_session_and_Cloud_never_gets_it()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a");
        var cache = Cache();
        var prod = new CloudChoice(CloudSource.Parameter, "prod");
        Task<OpenStackSession> With(string user, string secret) =>
            cache.ConnectAsync(prod, null, null, new CloudCredential(user, secret), null, NullOperationLog.Instance, CancellationToken.None);

        var vault = await With("vault-user", "vault-secret");
        var fromFile = await Prod(cache);
        var otherSecret = await With("vault-user", "another-secret");

        Assert.NotEqual(vault.Handle, fromFile.Handle);
        Assert.NotEqual(vault.Handle, otherSecret.Handle);
        Assert.Equal(("vault-user", "vault-secret"), (_connects[0].Username, _connects[0].Password));
        Assert.Equal(("ops", "secret"), (_connects[1].Username, _connects[1].Password));
        Assert.Same(fromFile, await Prod(cache));
    }

    [Fact]
    public void The_fingerprint_of_a_credential_tells_credentials_apart_without_holding_the_secret()
    {
        _environment["OS_CLIENT_CONFIG_FILE"] = CloudsFile("a", "project-a");
        var loader = new CloudConfigLoader(_environment, _root, null);
        byte[] key = [7, 7, 7];

        var one = CloudFingerprint.Of(loader.Load("prod", credential: new CloudCredential("user", "secret-one")), key);
        var two = CloudFingerprint.Of(loader.Load("prod", credential: new CloudCredential("user", "secret-two")), key);

        Assert.NotEqual(one, two);
        Assert.NotEqual(one, CloudFingerprint.Of(loader.Load("prod"), key));
        Assert.Equal(one, CloudFingerprint.Of(loader.Load("prod", credential: new CloudCredential("user", "secret-one")), key));
        Assert.DoesNotContain("secret-one", one, StringComparison.OrdinalIgnoreCase);
    }
}
