using System.IO.Compression;
using System.Security.Cryptography;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Transfer;

/// <summary>The transfer both the mirror and the importer use, over file: URLs (no network).</summary>
public sealed class UpstreamSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oim-transfer-").FullName;
    private readonly byte[] _image = RandomNumberGenerator.GetBytes(300_000);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AMissingMirrorFileFallsBackToTheNextCandidate()
    {
        var url = Write("image.raw", _image);

        using var source = await OpenAsync([Url("missing.raw"), url], Checksum(_image));
        var copy = await ReadAllAsync(source.Content);

        Assert.Equal(url, source.Url);
        Assert.Equal(_image, copy);
        Assert.Equal(_image.Length, source.ContentLength);
        Assert.True(source.Hashes.Verify(out _));
    }

    [Fact]
    public async Task WhenNoCandidateExistsTheLastFailureSaysNotFound()
    {
        var error = await Assert.ThrowsAsync<UpstreamException>(() => OpenAsync([Url("a.raw"), Url("b.raw")], null));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("b.raw", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACompressedSourceIsUnpackedAndEitherDigestVerifies(bool declareImageDigest)
    {
        var packed = Gzip(_image);
        using var source = await OpenAsync([Write("image.raw.gz", packed)], Checksum(declareImageDigest ? _image : packed));

        var copy = await ReadAllAsync(source.Content);

        Assert.Equal(_image, copy);
        Assert.Null(source.ContentLength);
        Assert.Equal(packed.Length, source.SourceBytes);
        Assert.Equal(_image.Length, source.StoredBytes);
        Assert.True(source.Hashes.Verify(out var detail), detail);
    }

    [Fact]
    public async Task OtherBytesThanDeclaredDoNotVerify()
    {
        using var source = await OpenAsync([Write("image.raw", _image)], Checksum([1, 2, 3]));

        await ReadAllAsync(source.Content);

        Assert.False(source.Hashes.Verify(out var detail));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(_image)), detail, StringComparison.Ordinal);
    }

    private Task<UpstreamSource> OpenAsync(string[] candidates, ImageChecksum? checksum) =>
        UpstreamSource.OpenAsync(candidates, null, checksum, storedSha256: false, new UpstreamOptions { FileRoots = [_directory] }, null, null, NullOperationLog.Instance, CancellationToken.None);

    private static ImageChecksum Checksum(byte[] data) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(data)));

    private string Url(string name) => new Uri(Path.Combine(_directory, name)).AbsoluteUri;

    private string Write(string name, byte[] data)
    {
        File.WriteAllBytes(Path.Combine(_directory, name), data);
        return Url(name);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
