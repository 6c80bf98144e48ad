namespace OpenStackImageManager.Cli.Tests;

/// <summary><c>update</c> and <c>check-updates</c> in process, against the local stand-in of the upstreams and copies of the real catalog.</summary>
public sealed class CliCatalogUpdateTests : IDisposable
{
    private readonly UpstreamFixtureServer _server = new(Path.Combine(TestPaths.Fixtures, "upstream"));
    private readonly string _folder = Directory.CreateTempSubdirectory("oim-cli-update-").FullName;

    public CliCatalogUpdateTests()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Catalog, "*.yml"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private IEnumerable<string> Rewrites() => _server.Rewrites.SelectMany(r => new[] { "--url-rewrite", $"{r.Key}={r.Value}" });

    [Fact]
    public void Update_dry_run_prints_the_diff_and_writes_nothing()
    {
        var before = File.ReadAllText(Path.Combine(_folder, "ubuntu.yml"));
        var result = InProcessTool.Run(["update", "--images-dir", _folder, "--name", "ubuntu", "--dry-run", .. Rewrites()]);

        // The stand-in serves noble only: every other release's 404 is an error for that definition alone.
        Assert.True(result.ExitCode == 1, result.StandardError);
        Assert.Contains("'Ubuntu 22.04': GET https://cloud-images.ubuntu.com/jammy/ answered 404", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Ubuntu 24.04: 20260108 -> 20261203 (DatedDirectory", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Ubuntu 24.04 Minimal: 20260105 -> 20261202 (DatedDirectory", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("+      - version: '20261203'", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_folder, "ubuntu.yml")));
    }

    [Fact]
    public void Update_writes_verified_builds_and_a_second_run_finds_nothing()
    {
        var result = InProcessTool.Run(["update", "--images-dir", _folder, "--name", "debian", "--verify", .. Rewrites()]);

        Assert.True(result.ExitCode == 1, result.StandardError); // Debian 10 and 11 have no builds on the stand-in: errors for them only.
        Assert.Contains("Debian 12: 20260124 -> 20261130 (DatedDirectory, verified", result.StandardOutput, StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(_folder, "debian.yml"));
        Assert.Contains("cloud/bookworm/daily/20261130-2601/debian-12-genericcloud-amd64-daily-20261130-2601.qcow2", text, StringComparison.Ordinal);

        var validate = InProcessTool.Run(["validate", _folder]);
        Assert.Equal(0, validate.ExitCode);
        var again = InProcessTool.Run(["update", "--images-dir", _folder, "--name", "debian", .. Rewrites()]);
        Assert.DoesNotContain("Debian 12:", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_updates_reports_findings_with_exit_1_and_a_status_file()
    {
        var report = Path.Combine(_folder, "report.md");
        var status = Path.Combine(_folder, "status");
        var result = InProcessTool.Run(["check-updates", "--images", _folder, "--today", "2026-12-06", "--eol-url", Path.Combine(TestPaths.Fixtures, "upstream", "endoflife"), "--output", report, "--status-file", status]);

        Assert.True(result.ExitCode == 1, result.StandardError);
        Assert.Equal("findings\n", File.ReadAllText(status));
        Assert.Contains("ubuntu 26.04 was released", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_updates_reads_endoflife_over_http_and_a_failing_product_is_exit_2()
    {
        _server.Overrides["/endoflife/api/debian.json"] = (500, "oops", "text/plain");
        var result = InProcessTool.Run(["check-updates", "--images", _folder, "--today", "2026-12-06", "--eol-url", _server.BaseUrl + "endoflife/"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("## Not checked", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("## New versions available", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_updates_is_clean_with_exit_0_when_nothing_is_missing_or_ended()
    {
        var result = InProcessTool.Run(["check-updates", "--images", _folder, "--today", "2026-12-06", "--product", "almalinux", "--eol-url", Path.Combine(TestPaths.Fixtures, "upstream", "endoflife")]);
        Assert.Equal(1, result.ExitCode); // AlmaLinux 10 is missing from the real catalog

        var newMajors = Path.Combine(TestPaths.Fixtures, "update-catalog", "new-majors.yml");
        File.Copy(newMajors, Path.Combine(_folder, "new-majors.yml"));
        var clean = InProcessTool.Run(["check-updates", "--images", _folder, "--today", "2026-12-06", "--product", "almalinux", "--eol-url", Path.Combine(TestPaths.Fixtures, "upstream", "endoflife")]);
        Assert.True(clean.ExitCode == 0, clean.StandardOutput + clean.StandardError);
    }
}
