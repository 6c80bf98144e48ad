using OpenStackImageManager.Engine.Sync;

namespace OpenStackImageManager.Engine.Tests.Sync;

public class LatestCheckerTests
{
    private const string Url = "https://cloud-images.example.com/noble/current/noble-server-cloudimg-amd64.img";
    private static readonly string s_sha256 = new('a', 64);

    [Fact]
    public void APlainManifestLineGivesTheDigestOfTheFile()
    {
        var manifest = $"{new string('b', 64)} *noble-server-cloudimg-arm64.img\n{s_sha256} *noble-server-cloudimg-amd64.img\n";

        Assert.Equal(s_sha256, LatestChecker.FromManifest(manifest, Url));
    }

    [Fact]
    public void ABsdStyleLineGivesTheDigestOfTheFile()
    {
        var manifest = $"SHA256 (noble-server-cloudimg-arm64.img) = {new string('b', 64)}\r\nSHA256 (noble-server-cloudimg-amd64.img) = {s_sha256}\r\n";

        Assert.Equal(s_sha256, LatestChecker.FromManifest(manifest, Url));
    }

    [Fact]
    public void TheFirstLineNamingExactlyTheFileWins()
    {
        var manifest = $"{new string('c', 64)}  noble-server-cloudimg-amd64.img.asc\n{s_sha256}  noble-server-cloudimg-amd64.img\n{new string('d', 64)}  noble-server-cloudimg-amd64.img\n";

        Assert.Equal(s_sha256, LatestChecker.FromManifest(manifest, Url));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(128)]
    public void Md5Sha1Sha256AndSha512DigestsAreRecognised(int length)
    {
        var digest = new string('e', length);

        Assert.Equal(digest, LatestChecker.FromManifest($"{digest}  noble-server-cloudimg-amd64.img\n", Url));
        Assert.Equal(digest, LatestChecker.FromSingle($"{digest}\n"));
    }

    [Theory]
    [InlineData("eeee  noble-server-cloudimg-amd64.img")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz  noble-server-cloudimg-amd64.img")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  other.img")]
    public void NoDigestForTheFileGivesNull(string manifest)
    {
        Assert.Null(LatestChecker.FromManifest(manifest, Url));
    }

    [Fact]
    public void ASingleDigestFileMayNameTheFileAfterTheDigest()
    {
        Assert.Equal(s_sha256, LatestChecker.FromSingle($"{s_sha256}  noble-server-cloudimg-amd64.img\n"));
        Assert.Null(LatestChecker.FromSingle("not a digest\n"));
    }
}
