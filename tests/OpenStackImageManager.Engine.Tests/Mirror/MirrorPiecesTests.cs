using Amazon.S3.Model;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Mirror;

/// <summary>Compression detection, safe URLs, the skip decision, credentials that never print.</summary>
public class MirrorPiecesTests
{
    [Theory]
    [InlineData("a.img", SourceCompression.None)]
    [InlineData("a.raw.xz", SourceCompression.Xz)]
    [InlineData("a.img.bz2", SourceCompression.Bzip2)]
    [InlineData("a.qcow2.GZ", SourceCompression.Gzip)]
    [InlineData("a.raw.zst", SourceCompression.Zstd)]
    public void DetectsCompressionFromTheFileName(string name, SourceCompression expected)
    {
        Assert.Equal(expected, SourceDecompression.FromFileName(name));
    }

    [Theory]
    [InlineData("a.tar.xz", true)]
    [InlineData("a.tgz", true)]
    [InlineData("a.zip", true)]
    [InlineData("a.raw.xz", false)]
    public void RecognisesArchivesOfFiles(string name, bool expected)
    {
        Assert.Equal(expected, SourceDecompression.IsTarball(name));
    }

    [Theory]
    [InlineData("https://user:pw@host.example/a/b.img?X-Amz-Signature=abc", "https://host.example/a/b.img?…")]
    [InlineData("http://host.example:8080/b.img", "http://host.example:8080/b.img")]
    public void UrlsInMessagesLoseUserInfoAndQuery(string url, string expected)
    {
        Assert.Equal(expected, SafeUrl.Show(new Uri(url)));
    }

    [Fact]
    public void CredentialsNeverPrintTheSecret()
    {
        var credentials = new S3Credentials("AKIAEXAMPLE", "s3cr3t/with+chars", "-Credential");
        var settings = new S3Settings(new Uri("http://127.0.0.1:8080"), "b", "", credentials);
        Assert.DoesNotContain("s3cr3t", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("AKIAEXAMPLE", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal("denied for *** at x", credentials.Redact("denied for s3cr3t/with+chars at x"));
        Assert.Equal(S3Settings.DefaultRegion, settings.Region);
    }

    [Fact]
    public void SkipsOnlyWhenTheImageChecksumIsRecorded()
    {
        var checksum = ImageChecksum.Parse("sha256:" + new string('a', 64));
        var request = MirrorRequest.For("D", "1", new Uri("https://x.example/a.img"), "k", checksum);

        Assert.Null(MirrorObjectMetadata.Mismatch(Head(100, MirrorObjectMetadata.For(request, 100)), request));
        Assert.Contains("no checksum metadata", MirrorObjectMetadata.Mismatch(Head(100, []), request), StringComparison.Ordinal);
        var other = request with { Checksum = ImageChecksum.Parse("sha256:" + new string('b', 64)) };
        Assert.Contains("differs", MirrorObjectMetadata.Mismatch(Head(100, MirrorObjectMetadata.For(other, 100)), request), StringComparison.Ordinal);
        Assert.Contains("size", MirrorObjectMetadata.Mismatch(Head(99, MirrorObjectMetadata.For(request, 100)), request), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAChecksumTheSourceUrlDecides()
    {
        var request = MirrorRequest.For("D", "1", new Uri("https://x.example/a.img.xz"), "k", null);
        Assert.Equal(SourceCompression.Xz, request.Compression);
        Assert.Null(MirrorObjectMetadata.Mismatch(Head(5000, MirrorObjectMetadata.For(request, 100)), request));
        var moved = request with { SourceUrl = new Uri("https://y.example/a.img.xz") };
        Assert.NotNull(MirrorObjectMetadata.Mismatch(Head(5000, MirrorObjectMetadata.For(request, 100)), moved));
    }

    [Fact]
    public void LongSourceUrlsAreStoredAsADigestWithinSwiftsValueLimit()
    {
        var url = new Uri("https://x.example/" + new string('p', 300) + "/a.img");
        var request = MirrorRequest.For("D", "1", url, "k", null);
        var metadata = MirrorObjectMetadata.For(request, null);
        Assert.All(metadata.Values, v => Assert.True(v.Length <= 256));
        Assert.False(metadata.ContainsKey(MirrorObjectMetadata.SourceUrl));
        Assert.Null(MirrorObjectMetadata.Mismatch(Head(1, metadata), request));
    }

    private static GetObjectMetadataResponse Head(long length, Dictionary<string, string> metadata)
    {
        var head = new GetObjectMetadataResponse { ContentLength = length };
        foreach (var (name, value) in metadata)
        {
            head.Metadata.Add(name, value);
        }

        return head;
    }
}
