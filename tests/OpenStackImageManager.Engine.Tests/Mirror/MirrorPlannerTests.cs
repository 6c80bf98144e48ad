using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Mirror;

/// <summary>From definition versions to requests: keys, checksums, compression, and what is passed over.</summary>
public class MirrorPlannerTests
{
    private static MirrorItem Item(string version, string url, string? checksum = null, string? mirrorUrl = null) =>
        new(new MirrorKeySource("Debian 12", "debian-12", "qcow2", version, new Uri(url), mirrorUrl is null ? null : new Uri(mirrorUrl)), checksum is null ? null : new ImageChecksum(checksum.Split(':')[0], checksum.Split(':')[1]));

    [Fact]
    public void MakesARequestFromTheUpstreamUrl()
    {
        var entry = MirrorPlanner.Plan(Item("20250101", "https://cloud.debian.org/x/debian-12.qcow2.xz", "sha512:" + new string('c', 128), "https://s3.example/images/openstack-images/debian-12/20250101-debian-12.qcow2"), "images", null, null);

        Assert.Null(entry.Problem);
        var request = Assert.IsType<MirrorRequest>(entry.Request);
        Assert.Equal("https://cloud.debian.org/x/debian-12.qcow2.xz", request.SourceUrl.ToString());
        Assert.Equal("openstack-images/debian-12/20250101-debian-12.qcow2", request.ObjectKey);
        Assert.Equal(SourceCompression.Xz, request.Compression);
        Assert.Equal("sha512", request.Checksum?.Algorithm);
    }

    [Fact]
    public void PassesOverLatest()
    {
        var entry = MirrorPlanner.Plan(Item("latest", "https://cloud.debian.org/x/latest.qcow2"), "images", null, null);
        Assert.True(entry.PassedOver);
        Assert.Null(entry.Request);
    }

    [Theory]
    [InlineData("ftp://x.example/a.img", null, "not an http(s) or file URL")]
    [InlineData("https://x.example/a.img", "sha256:123", "64 hex digits")]
    [InlineData("https://x.example/a.img", "sha224:" + "0123456789abcdef0123456789abcdef0123456789abcdef01234567", "cannot be verified")]
    public void ReportsWhatCannotBeMirrored(string url, string? checksum, string problem)
    {
        var entry = MirrorPlanner.Plan(Item("1", url, checksum), "images", null, null);
        Assert.Null(entry.Request);
        Assert.False(entry.PassedOver);
        Assert.Contains(problem, entry.Problem, StringComparison.Ordinal);
    }
}
