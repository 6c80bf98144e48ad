using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// Which way the bytes travel, decided while planning: the fewest bytes through this host that still
/// verify, and a refusal, before anything is created, when the asked-for method cannot verify.
/// </summary>
public class ImportChoiceTests
{
    private static readonly ImportCapabilities s_cloud = new(["glance-direct", "web-download"], "sha512");
    private static readonly string s_sha512 = new('a', 128);
    private static readonly string s_sha256 = new('b', 64);

    private static (ImageDefinition Definition, ImageVersion Version) Raw(string algorithm, string hex, string file = "disk.raw")
    {
        var version = new ImageVersion
        {
            DefinitionName = "Raw",
            Version = "1",
            Url = $"https://example.com/{file}",
            Checksum = new ImageChecksum(algorithm, hex),
            BuildDate = new DateOnly(2024, 6, 3),
            GlanceName = "Raw 1",
        };
        var definition = Definition("Raw");
        return (new ImageDefinition
        {
            Name = definition.Name,
            Format = "raw",
            Login = definition.Login,
            MinDisk = 1,
            MinRam = 512,
            Status = "active",
            Visibility = "public",
            Meta = definition.Meta,
            Versions = [version],
            SourceFile = "unit.yml",
        }, version);
    }

    [Fact]
    public void Auto_lets_Glance_fetch_when_its_own_hash_verifies_the_declared_checksum()
    {
        var (definition, version) = Raw("sha512", s_sha512);

        var choice = ImportMethods.Choose(ImportMethod.Auto, ChecksumPolicy.Require, definition, version, s_cloud);

        Assert.Equal(ImportMethod.WebDownload, choice.Method);
    }

    [Theory]
    [InlineData("sha256", "disk.raw", "raw")]
    [InlineData("sha512", "disk.raw.gz", "raw")]
    [InlineData("sha512", "disk.qcow2", "qcow2")]
    public void Auto_streams_through_us_when_Glance_hashes_other_bytes_or_another_algorithm(string algorithm, string file, string format)
    {
        var (definition, version) = Raw(algorithm, algorithm == "sha256" ? s_sha256 : s_sha512, file);
        definition = Reformat(definition, format);

        var choice = ImportMethods.Choose(ImportMethod.Auto, ChecksumPolicy.Require, definition, version, s_cloud);

        Assert.Equal(ImportMethod.GlanceDirect, choice.Method);
        Assert.Null(choice.Refusal);
    }

    [Fact]
    public void Web_download_with_a_checksum_Glance_cannot_verify_is_refused_with_the_reason()
    {
        var (definition, version) = Raw("sha256", s_sha256);

        var choice = ImportMethods.Choose(ImportMethod.WebDownload, ChecksumPolicy.Require, definition, version, s_cloud);

        Assert.Null(choice.Method);
        Assert.Equal(ImportRefusalReason.ChecksumNotVerifiableByGlance, choice.Refusal!.Reason);
        Assert.Contains("sha512", choice.Refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(ImportMethod.WebDownload, ImportMethods.Choose(ImportMethod.WebDownload, ChecksumPolicy.BestEffort, definition, version, s_cloud).Method);
    }

    [Fact]
    public void The_planner_refuses_the_whole_plan_before_anything_is_created_and_names_every_image()
    {
        var first = Definition("Alpha", versions: ["1"]);
        var second = Definition("Beta", versions: ["1", "2"]);
        var options = new PlanOptions { ManagedTag = Tag, ImportMethod = ImportMethod.WebDownload };
        var withChecksums = new[] { first, second }.Select(d => WithSha256(d)).ToArray();

        var refused = Assert.Throws<ImportRefusedException>(() => Plan(withChecksums, [], options));

        Assert.Equal(["Alpha 1", "Beta 1", "Beta 2"], refused.Refusals.Select(r => r.ImageName));
        var cli = ImportRefusedException.MessageOf(refused.Refusals, new ImportOptionNames("--prefetch always", "--prefetch on-stuck", null));
        Assert.Contains("--prefetch always", cli, StringComparison.Ordinal);
        Assert.DoesNotContain("-ImportMethod", cli, StringComparison.Ordinal);
        Assert.Contains("nothing was created", cli, StringComparison.Ordinal);
    }

    private static ImageDefinition WithSha256(ImageDefinition definition) =>
        Copy(definition, versions: definition.Versions.Select(v => Version(definition.Name, v.Version, checksum: s_sha256)).ToArray());

    private static ImageDefinition Reformat(ImageDefinition definition, string format) => Copy(definition, format: format);
}
