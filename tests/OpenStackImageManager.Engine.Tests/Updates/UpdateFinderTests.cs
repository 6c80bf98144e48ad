using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Updates;

/// <summary>Finding builds against the local stand-in of every upstream, real catalog and new majors, broken answers included.</summary>
public sealed class UpdateFinderTests : IDisposable
{
    private readonly UpstreamFixtureServer _server = new(Path.Combine(TestPaths.Fixtures, "upstream"));

    public void Dispose() => _server.Dispose();

    private UpdateOptions Options(bool verify = false) => new()
    {
        UrlRewrites = _server.Rewrites,
        Verify = verify,
        Upstream = new Engine.Transfer.UpstreamOptions { OpenAttempts = 1, FirstDelay = TimeSpan.FromMilliseconds(1), AllowedHosts = ["127.0.0.1"] },
        Http = new Engine.Http.HttpTransportOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(20) },
    };

    private static ImageDefinition Definition(string name) =>
        UpdateParserTests.Catalog().Concat(NewMajors()).Single(d => d.Name == name);

    internal static IReadOnlyList<ImageDefinition> NewMajors() =>
        DefinitionLoader.Load([Path.Combine(TestPaths.Fixtures, "update-catalog", "new-majors.yml")], strict: false, NullOperationLog.Instance, CancellationToken.None).Definitions;

    private async Task<UpdateCheck> CheckAsync(string name, bool verify = false)
    {
        using var updates = new CatalogUpdates(Options(verify));
        return await updates.CheckAsync(Definition(name), NullOperationLog.Instance, CancellationToken.None);
    }

    [Theory]
    [InlineData("Ubuntu 24.04", "20261203", "https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img", "sha256")]
    [InlineData("Ubuntu 24.04 Minimal", "20261202", "https://cloud-images.ubuntu.com/minimal/releases/noble/release-20261202/ubuntu-24.04-minimal-cloudimg-amd64.img", "sha256")]
    [InlineData("Debian 12", "20261130", "https://cdimage.debian.org/cdimage/cloud/bookworm/daily/20261130-2601/debian-12-genericcloud-amd64-daily-20261130-2601.qcow2", "sha512")]
    [InlineData("Ubuntu 26.04", "20261201", "https://cloud-images.ubuntu.com/resolute/20261201/resolute-server-cloudimg-amd64.img", "sha256")]
    [InlineData("Debian 13", "20261130", "https://cdimage.debian.org/cdimage/cloud/trixie/daily/20261130-2542/debian-13-genericcloud-amd64-daily-20261130-2542.qcow2", "sha512")]
    [InlineData("AlmaLinux 10", "20261127", "https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-10.1-20261125.0.x86_64.qcow2", "sha256")]
    [InlineData("Rocky 10", "20261127", "https://download.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base-10.1-20261120.0.x86_64.qcow2", "sha256")]
    [InlineData("CentOS Stream 10", "20261201", "https://cloud.centos.org/centos/10-stream/x86_64/images/CentOS-Stream-GenericCloud-10-20261201.0.x86_64.qcow2", "sha256")]
    [InlineData("openSUSE Leap 16.0", "20261127", "https://download.opensuse.org/distribution/leap/16.0/appliances/Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2", "sha256")]
    [InlineData("Garden Linux", "1877.12", "https://github.com/gardenlinux/gardenlinux/releases/download/1877.12/openstack-gardener_prod-amd64-1877.12-5e6f7a8b.tar.xz", "sha256")]
    public async Task Each_upstream_format_gives_the_newest_build_verified(string name, string version, string url, string algorithm)
    {
        var check = await CheckAsync(name, verify: true);

        Assert.Null(check.Error);
        var update = Assert.IsType<ImageUpdate>(check.Update);
        Assert.True(update.IsNew);
        Assert.True(update.Verified);
        Assert.Equal(version, update.NewVersion);
        Assert.Equal(url, update.Url);
        Assert.StartsWith(algorithm + ":", update.Checksum, StringComparison.Ordinal);
        Assert.NotEmpty(update.FoundVia);
    }

    [Fact]
    public async Task A_dated_folder_build_carries_the_folder_date_as_build_date()
    {
        var update = (await CheckAsync("Debian 12")).Update!;
        Assert.Equal(new DateOnly(2026, 11, 30), update.BuildDate);
        Assert.Equal("20260124", update.CurrentVersion);
    }

    [Fact]
    public async Task CentOS_7_finds_the_highest_match_of_its_HEREBE_pattern_in_sha256sum_txt()
    {
        var update = (await CheckAsync("CentOS 7")).Update!;
        Assert.EndsWith("/CentOS-7-x86_64-GenericCloud-2211.qcow2", update.Url, StringComparison.Ordinal);
        Assert.Equal(UpdateSourceKind.ManifestPattern, update.SourceKind);
    }

    [Fact]
    public async Task Each_source_costs_two_requests_and_a_release_source_one()
    {
        using var updates = new CatalogUpdates(Options());
        await updates.CheckAsync(Definition("Ubuntu 24.04"), NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(2, updates.Requests);
        await updates.CheckAsync(Definition("AlmaLinux 10"), NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(4, updates.Requests);
        await updates.CheckAsync(Definition("Garden Linux"), NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(5, updates.Requests);
    }

    [Fact]
    public async Task A_manifest_that_is_gone_is_an_error_for_that_definition()
    {
        _server.Overrides["/ubuntu/noble/20261203/SHA256SUMS"] = (404, "Not Found", "text/plain");
        var check = await CheckAsync("Ubuntu 24.04");
        Assert.Null(check.Update);
        Assert.True(check.Missing);
        Assert.Contains("404", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_error_page_instead_of_a_manifest_is_an_error()
    {
        _server.Overrides["/almalinux/10/cloud/x86_64/images/CHECKSUM"] = (200, Upstream("broken/error-page.html"), "text/html");
        var check = await CheckAsync("AlmaLinux 10");
        Assert.Contains("HTML page", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_without_the_file_is_an_error()
    {
        _server.Overrides["/debian/bookworm/daily/20261130-2601/SHA512SUMS"] = (200, Upstream("broken/other-files/SHA256SUMS"), "text/plain");
        var check = await CheckAsync("Debian 12");
        Assert.Contains("no checksum for debian-12-genericcloud-amd64-daily.qcow2", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_without_dated_folders_is_an_error()
    {
        _server.Overrides["/ubuntu/noble/"] = (200, Upstream("broken/empty-listing/index.html"), "text/html");
        var check = await CheckAsync("Ubuntu 24.04");
        Assert.Contains("no dated build folders", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_do_not_match_the_manifest_are_not_taken()
    {
        _server.Corrupted["/ubuntu/noble/20261203/noble-server-cloudimg-amd64.img"] = true;
        var check = await CheckAsync("Ubuntu 24.04", verify: true);
        Assert.Null(check.Update);
        Assert.Contains("does not match", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_the_catalog_already_has_is_not_new_and_not_downloaded()
    {
        var manifest = Models.ImageChecksum.Parse("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            UpstreamFixtureServer.ImageBytes("/ubuntu/noble/20261203/noble-server-cloudimg-amd64.img"))));
        var current = Definition("Ubuntu 24.04");
        var same = new ImageDefinition
        {
            Name = current.Name, Format = current.Format, Login = current.Login, Status = current.Status, Visibility = current.Visibility,
            SourceFile = current.SourceFile, ShortName = current.ShortName, LatestUrl = current.LatestUrl, LatestChecksumUrl = current.LatestChecksumUrl,
            Versions = [new ImageVersion { Version = "20261203", DefinitionName = current.Name, Url = "https://x/y.img", GlanceName = current.Name, Checksum = new ImageChecksum("sha256", manifest.Value) }],
        };
        using var updates = new CatalogUpdates(Options(verify: true));
        var check = await updates.CheckAsync(same, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(check.Update!.IsNew);
        Assert.DoesNotContain(_server.Requests, r => r.EndsWith(".img", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Garden_Linux_release_without_a_digest_reads_its_sha256_asset()
    {
        var json = Upstream("github/repos/gardenlinux/gardenlinux/releases.json");
        var withoutNewest = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray();
        withoutNewest.RemoveAt(2);
        _server.Overrides["/github/repos/gardenlinux/gardenlinux/releases"] = (200, withoutNewest.ToJsonString(), "application/json");
        var update = (await CheckAsync("Garden Linux", verify: true)).Update!;
        Assert.Equal("1592.18", update.NewVersion);
        Assert.True(update.Verified);
        Assert.Contains(".sha256", update.FoundVia, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definitions_without_a_source_are_passed_over()
    {
        var check = await CheckAsync("openSUSE Leap 15.6");
        Assert.NotNull(check.NoSource);
    }

    private static string Upstream(string path) => File.ReadAllText(Path.Combine(TestPaths.Fixtures, "upstream", path));
}
