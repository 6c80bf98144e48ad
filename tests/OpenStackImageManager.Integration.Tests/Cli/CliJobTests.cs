using OpenStackImageManager.Integration.Tests.Sync;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Cli;

/// <summary>
/// The openstack-image-manager command as a cron job runs it, against the real local cloud: a dry run
/// changes nothing, a run creates the catalog, a second run changes nothing, and the exit codes and
/// logs are what scripts rely on. Each test has its own managed tag, so it sees only its own images.
/// </summary>
public sealed class CliJobTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SyncCloud _cloud = null!;
    private string _catalog = null!;
    private string _name = null!;

    public async Task InitializeAsync()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        _cloud = await SyncCloud.ConnectAsync("oim-p1");
        _name = $"OIM Cli {_cloud.RunId}";
        var file = TestImages.CreateFile(_cloud.Work, "cli.qcow2", "qcow2");
        var versions = new[] { new Definitions.Version("1.0", _cloud.Server.Url("cli.qcow2"), TestImages.Sha256(file)) };
        _catalog = Path.Combine(_cloud.Work, "images");
        Directory.CreateDirectory(_catalog);
        await File.WriteAllTextAsync(Path.Combine(_catalog, "cli.yml"), Definitions.Yaml(_name, "qcow2", multi: false, "private", versions));
    }

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    private async Task<CliResult> RunAsync(params string[] extra)
    {
        var result = await CliProcess.RunAsync(_cloud.Work, ["--cloud", "oim-p1", "--images", _catalog, "--tag", _cloud.Tag, .. extra]);
        output.WriteLine(result.ToString());
        return result;
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_creates_nothing()
    {
        var result = await RunAsync("--dry-run");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.OutputLines);
        Assert.StartsWith($"+ Create image '{_name} 1.0'", line, StringComparison.Ordinal);
        Assert.Empty(await _cloud.ManagedAsync());
    }

    [Fact]
    public async Task A_run_creates_the_catalog_and_the_second_run_changes_nothing()
    {
        var first = await RunAsync();
        Assert.Equal(0, first.ExitCode);
        var image = Assert.Single(await _cloud.ManagedAsync());
        Assert.Equal($"{_name} 1.0", image.Name);
        Assert.Equal("active", image.Status);
        Assert.Contains(_cloud.Tag, image.Tags);
        Assert.Equal("1.0", image.Properties["internal_version"]);

        var second = await RunAsync("--debug");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(image.Id, Assert.Single(await _cloud.ManagedAsync()).Id);
        // No write of any kind: the debug request lines show only reads (and the token request).
        var requests = second.Error.Split('\n').Where(l => l.Contains("| DEBUG   | HTTP ", StringComparison.Ordinal) && !l.Contains(" for ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.Contains("HTTP GET ", StringComparison.Ordinal) || r.Contains("/v3/auth/tokens", StringComparison.Ordinal), r));

        var plan = await RunAsync("--dry-run");
        Assert.Equal(0, plan.ExitCode);
        Assert.Empty(plan.OutputLines);
    }

    [Fact]
    public async Task Prefetch_never_with_a_checksum_Glance_cannot_verify_is_refused_before_anything_is_created()
    {
        var result = await RunAsync("--prefetch", "never", "--debug");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be verified when Glance fetches the image itself", result.Error, StringComparison.Ordinal);
        Assert.Contains("--prefetch on-stuck (the default) or --prefetch always", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("-ImportMethod", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("-ChecksumPolicy", result.Error, StringComparison.Ordinal);
        // Only reads went to Glance: no image was created, so none had to be deleted.
        var glance = result.Error.Split('\n').Where(l => l.Contains("| DEBUG", StringComparison.Ordinal) && l.Contains(":9292/", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(glance);
        Assert.All(glance, l => Assert.Contains("GET ", l, StringComparison.Ordinal));
        Assert.Empty(await _cloud.ManagedAsync());
    }

    [Fact]
    public async Task Debug_logs_requests_with_status_and_never_the_password_or_token()
    {
        var result = await RunAsync("--dry-run", "--debug");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("POST http://127.0.0.1:5000/v3/auth/tokens", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"HTTP 200 OK for GET /v2/images in \d+ ms", result.Error);
        Assert.DoesNotContain("u1-secret", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_cloud.Live.Token.Value, result.Error, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| (INFO|DEBUG|WARNING|ERROR) ", result.Error);
    }

    [Fact]
    public async Task Invalid_definitions_exit_1_with_file_line_and_column_before_the_cloud_is_contacted()
    {
        var bad = Path.Combine(_catalog, "bad.yml");
        await File.WriteAllTextAsync(bad, "images:\n  - name: Broken\n    format: qcow\n");

        var result = await RunAsync("--debug");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad}:3:13: error:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/v3/auth/tokens", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _cloud.ManagedAsync());
    }

    [Fact]
    public async Task Check_only_validates_without_a_cloud()
    {
        var result = await CliProcess.RunAsync(_cloud.Work, "--cloud", "no-such-cloud", "--images", _catalog, "--check-only");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task An_unknown_cloud_is_an_error_naming_it()
    {
        var result = await CliProcess.RunAsync(_cloud.Work, "--cloud", "no-such-cloud", "--images", _catalog);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-cloud", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
