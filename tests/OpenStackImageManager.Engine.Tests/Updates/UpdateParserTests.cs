using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Updates;

/// <summary>The parsers of each upstream format and the derivation of sources from the real catalog.</summary>
public sealed class UpdateParserTests
{
    private static string Upstream(string path) => File.ReadAllText(Path.Combine(TestPaths.Fixtures, "upstream", path));

    [Fact]
    public void A_GNU_manifest_in_binary_mode_names_each_file()
    {
        var entries = ChecksumManifest.Parse(Upstream("ubuntu/noble/20261203/SHA256SUMS"));
        Assert.Equal(3, entries.Count);
        var image = ChecksumManifest.Find(entries, "noble-server-cloudimg-amd64.img");
        Assert.NotNull(image);
        Assert.Equal("sha256", image.Checksum.Algorithm);
    }

    [Fact]
    public void A_SHA512SUMS_manifest_gives_sha512_by_the_digest_length()
    {
        var entries = ChecksumManifest.Parse(Upstream("debian/trixie/daily/20261130-2542/SHA512SUMS"));
        Assert.All(entries, e => Assert.Equal("sha512", e.Checksum.Algorithm));
        Assert.NotNull(ChecksumManifest.Find(entries, "debian-13-genericcloud-amd64-daily-20261130-2542.qcow2"));
    }

    [Fact]
    public void A_PGP_signed_BSD_manifest_is_read_without_its_signature_and_comments()
    {
        var entries = ChecksumManifest.Parse(Upstream("centos/10-stream/x86_64/images/CHECKSUM"));
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.StartsWith("CentOS-Stream-GenericCloud-10-", e.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_GNU_manifest_with_comments_and_a_sha256sum_txt_are_read()
    {
        Assert.Equal(3, ChecksumManifest.Parse(Upstream("almalinux/10/cloud/x86_64/images/CHECKSUM")).Count);
        Assert.Equal(4, ChecksumManifest.Parse(Upstream("centos/7/images/sha256sum.txt")).Count);
    }

    [Fact]
    public void A_file_named_only_as_a_prefix_of_another_is_not_found()
    {
        var entries = ChecksumManifest.Parse(Upstream("centos/7/images/sha256sum.txt"));
        Assert.Equal("CentOS-7-x86_64-GenericCloud-2211.qcow2", ChecksumManifest.Find(entries, "CentOS-7-x86_64-GenericCloud-2211.qcow2")!.FileName);
        Assert.Null(ChecksumManifest.Find(entries, "GenericCloud-2211.qcow2"));
    }

    [Fact]
    public void An_HTML_page_is_no_manifest()
    {
        Assert.Empty(ChecksumManifest.Parse(Upstream("broken/error-page.html")));
    }

    [Theory]
    [InlineData("ubuntu/noble/index.html", "20261203", null)]
    [InlineData("ubuntu/minimal/releases/noble/index.html", "release-20261202", null)]
    [InlineData("debian/bookworm/daily/index.html", "20261130-2601", 2601)]
    public void The_newest_dated_folder_of_Apache_and_nginx_listings_wins(string listing, string folder, int? build)
    {
        var newest = DatedFolders.Newest(DatedFolders.Parse(Upstream(listing)));
        Assert.NotNull(newest);
        Assert.Equal(folder, newest.Name);
        Assert.Equal(build, newest.Build);
    }

    [Fact]
    public void A_listing_without_dated_folders_has_none()
    {
        Assert.Empty(DatedFolders.Parse(Upstream("broken/empty-listing/index.html")));
    }

    [Fact]
    public void GitHub_releases_skip_drafts_and_prereleases_and_keep_digests()
    {
        var releases = GitHubReleases.Parse(Upstream("github/repos/gardenlinux/gardenlinux/releases.json"));
        Assert.Equal(["1877.12", "1592.18"], releases.Select(r => r.Tag));
        var newest = GitHubReleases.Newest(releases, new Regex(@"^openstack-gardener_prod-amd64-.+-[0-9a-f]+\.tar\.xz$"));
        Assert.NotNull(newest);
        Assert.Equal("openstack-gardener_prod-amd64-1877.12-5e6f7a8b.tar.xz", newest.Value.Asset.Name);
        Assert.NotNull(newest.Value.Asset.Digest);
    }

    [Fact]
    public void A_GitHub_error_object_is_an_error()
    {
        var error = Assert.Throws<UpdateSourceException>(() => GitHubReleases.Parse("""{"message":"API rate limit exceeded"}"""));
        Assert.Contains("API rate limit exceeded", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ubuntu 24.04", UpdateSourceKind.DatedDirectory, "https://cloud-images.ubuntu.com/noble/")]
    [InlineData("Ubuntu 24.04 Minimal", UpdateSourceKind.DatedDirectory, "https://cloud-images.ubuntu.com/minimal/releases/noble/")]
    [InlineData("Debian 12", UpdateSourceKind.DatedDirectory, "https://cdimage.debian.org/cdimage/cloud/bookworm/daily/")]
    [InlineData("AlmaLinux 9", UpdateSourceKind.PointerFile, "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/")]
    [InlineData("Rocky 9", UpdateSourceKind.PointerFile, "https://download.rockylinux.org/pub/rocky/9/images/x86_64/")]
    [InlineData("CentOS 7", UpdateSourceKind.ManifestPattern, "https://cloud.centos.org/centos/7/images/")]
    [InlineData("Garden Linux", UpdateSourceKind.GitHubRelease, "https://api.github.com/repos/gardenlinux/gardenlinux/releases?per_page=10")]
    public void The_real_catalog_derives_one_source_kind_per_upstream(string name, UpdateSourceKind kind, string location)
    {
        var definition = Catalog().Single(d => d.Name == name);
        var source = UpdateSourceResolver.Resolve(definition, new UpdateOptions());
        Assert.NotNull(source);
        Assert.Equal(kind, source.Kind);
        Assert.Equal(location, source.Location);
    }

    [Fact]
    public void The_Garden_Linux_asset_pattern_matches_every_release_of_the_catalog_and_no_other_architecture()
    {
        var definition = Catalog().Single(d => d.Name == "Garden Linux");
        var pattern = new Regex(UpdateSourceResolver.Resolve(definition, new UpdateOptions())!.FilePattern!);
        Assert.All(definition.Versions, v => Assert.Matches(pattern, v.Url[(v.Url.LastIndexOf('/') + 1)..]));
        Assert.DoesNotMatch(pattern, "openstack-gardener_prod-arm64-1877.12-1a2b3c4d.tar.xz");
    }

    [Fact]
    public void A_declared_source_wins_over_the_derived_one()
    {
        var definition = Catalog().Single(d => d.Name == "Ubuntu 24.04");
        var declared = new UpdateSource { Kind = UpdateSourceKind.PointerFile, Location = "https://mirror.example/noble/", FileName = "x.img", Manifest = "https://mirror.example/noble/SUMS", ShortName = "ubuntu-24.04" };
        Assert.Same(declared, UpdateSourceResolver.Resolve(definition, new UpdateOptions { DeclaredSources = [declared] }));
    }

    [Fact]
    public void Definitions_without_latest_url_or_GitHub_downloads_have_no_source()
    {
        Assert.Null(UpdateSourceResolver.Resolve(Catalog().Single(d => d.Name.StartsWith("openSUSE", StringComparison.Ordinal)), new UpdateOptions()));
    }

    [Fact]
    public void Rewrites_take_the_longest_prefix()
    {
        var options = new UpdateOptions { UrlRewrites = new Dictionary<string, string> { ["https://a/"] = "http://x/", ["https://a/b/"] = "http://y/" } };
        Assert.Equal("http://y/c", options.Rewrite("https://a/b/c"));
        Assert.Equal("http://x/c", options.Rewrite("https://a/c"));
        Assert.Equal("https://z/c", options.Rewrite("https://z/c"));
    }

    internal static IReadOnlyList<ImageDefinition> Catalog() =>
        DefinitionLoader.Load([TestPaths.Catalog], strict: false, NullOperationLog.Instance, CancellationToken.None).Definitions;
}
