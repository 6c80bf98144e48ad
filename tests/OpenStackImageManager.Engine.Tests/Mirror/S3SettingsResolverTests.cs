using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Tests.Mirror;

/// <summary>Where the S3 target and keys come from: parameters, then AWS_* variables, then the config file's s3 section.</summary>
public sealed class S3SettingsResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oim-s3-").FullName;
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    private string? Env(string name) => _env.GetValueOrDefault(name);

    private string Config(string text)
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, text);
        _env["OIM_CONFIG"] = path;
        return path;
    }

    [Fact]
    public void ParametersWin()
    {
        _env["AWS_ACCESS_KEY_ID"] = "env-key";
        _env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        _env["AWS_ENDPOINT_URL"] = "http://env.example";
        var settings = S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("https://param.example"), "b", "eu-1", "param-key", "param-secret"), Env);
        Assert.Equal("https://param.example/", settings.Endpoint.ToString());
        Assert.Equal("param-key", settings.Credentials.AccessKey);
        Assert.Equal("-Credential", settings.Credentials.Source);
        Assert.Equal("eu-1", settings.Region);
    }

    [Fact]
    public void EnvironmentBeforeConfigFile()
    {
        Config("s3:\n  endpoint: http://file.example\n  bucket: file-bucket\n  access_key: file-key\n  secret_key: file-secret\n  region: file-region\n");
        _env["AWS_ACCESS_KEY_ID"] = "env-key";
        _env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        _env["AWS_ENDPOINT_URL"] = "http://env.example:9000";
        var settings = S3SettingsResolver.Resolve(new S3SettingsInput(null, null, null, null, null), Env);
        Assert.Equal("http://env.example:9000/", settings.Endpoint.ToString());
        Assert.Equal("env-key", settings.Credentials.AccessKey);
        Assert.Equal("file-bucket", settings.Bucket);
        Assert.Equal("file-region", settings.Region);
    }

    [Fact]
    public void ConfigFileAlone()
    {
        var path = Config("clouds: {}\ns3:\n  endpoint: http://file.example\n  bucket: file-bucket\n  access_key: file-key\n  secret_key: file-secret\n");
        var settings = S3SettingsResolver.Resolve(new S3SettingsInput(null, null, null, null, null), Env);
        Assert.Equal("file-key", settings.Credentials.AccessKey);
        Assert.Equal("file-secret", settings.Credentials.SecretKey);
        Assert.Equal(path, settings.Credentials.Source);
        Assert.Equal(S3Settings.DefaultRegion, settings.Region);
    }

    [Fact]
    public void AHalfSetEnvironmentIsNotUsed()
    {
        Config("s3:\n  access_key: file-key\n  secret_key: file-secret\n");
        _env["AWS_ACCESS_KEY_ID"] = "env-key";
        var settings = S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, null, null), Env);
        Assert.Equal("file-key", settings.Credentials.AccessKey);
    }

    [Fact]
    public void MissingPiecesAreNamed()
    {
        _env["OIM_CONFIG"] = Path.Combine(_dir, "missing.yaml");
        Assert.Contains("-Endpoint", Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(null, "b", null, "k", "s"), Env)).Message, StringComparison.Ordinal);
        Assert.Contains("-Bucket", Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), null, null, "k", "s"), Env)).Message, StringComparison.Ordinal);
        Assert.Contains("-Credential", Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, null, null), Env)).Message, StringComparison.Ordinal);
        Assert.Contains("http(s)", Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("ftp://x.example"), "b", null, "k", "s"), Env)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadYamlNamesTheFileAndPositionButNotTheSecret()
    {
        var path = Config("s3:\n  secret_key: topsecret-value\n  bucket: [unclosed\n");
        var error = Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, "k", "s"), Env));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGivenAccessKeyTakesItsSecretFromTheEnvironmentOrTheFile()
    {
        _env["MINIO_SECRET_KEY"] = "minio-secret";
        var fromEnvironment = S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, "given-key", null), Env);
        Assert.Equal(("given-key", "minio-secret"), (fromEnvironment.Credentials.AccessKey, fromEnvironment.Credentials.SecretKey));
        Assert.Contains("MINIO_SECRET_KEY", fromEnvironment.Credentials.Source, StringComparison.Ordinal);

        _env.Remove("MINIO_SECRET_KEY");
        Config("s3:\n  secret_key: file-secret\n");
        var fromFile = S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, "given-key", null), Env);
        Assert.Equal("file-secret", fromFile.Credentials.SecretKey);

        File.Delete(_env["OIM_CONFIG"]);
        var missing = Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, "given-key", null), Env));
        Assert.Contains("given-key", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePythonMirrorsVariablesAreAPairAfterTheAwsOnes()
    {
        _env["MINIO_ACCESS_KEY"] = "minio-key";
        _env["MINIO_SECRET_KEY"] = "minio-secret";
        var settings = S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, null, null), Env);
        Assert.Equal("minio-key", settings.Credentials.AccessKey);

        _env["AWS_ACCESS_KEY_ID"] = "aws-key";
        _env["AWS_SECRET_ACCESS_KEY"] = "aws-secret";
        Assert.Equal("aws-key", S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, null, null), Env).Credentials.AccessKey);
    }

    [Fact]
    public void A_duplicate_key_is_refused_at_its_position_without_the_secret()
    {
        var path = Config("s3:\n  secret_key: first-topsecret\n  secret_key: second-topsecret\n");

        var error = Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, null, null), Env));

        Assert.StartsWith($"{path}:3:3: duplicate key 'secret_key'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused()
    {
        var text = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        var path = Config(text + "s3:\n  bucket: b\n  x: *a9\n");

        var error = Assert.Throws<MirrorDefinitionException>(() => S3SettingsResolver.Resolve(new S3SettingsInput(new Uri("http://x.example"), "b", null, "k", "s"), Env));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: aliases expand", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
