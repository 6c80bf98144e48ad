using System.Security.Cryptography;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Checksums;

/// <summary>
/// The one checksum type and its one algorithm table: what parses, what the definition validator
/// accepts, and that everything accepted can be verified by the transfer.
/// </summary>
public class ImageChecksumTests
{
    private static readonly byte[] s_data = "the bytes of an image"u8.ToArray();

    [Theory]
    [InlineData("sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "sha256")]
    [InlineData("SHA512:" + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "sha512")]
    [InlineData("md5:0123456789abcdef0123456789abcdef", "md5")]
    [InlineData(" sha384 : " + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha384")]
    [InlineData("0123456789abcdef0123456789abcdef01234567", "sha1")]
    public void Parses_and_normalises(string text, string algorithm)
    {
        var checksum = ImageChecksum.Parse(text);

        Assert.Equal(algorithm, checksum.Algorithm);
        Assert.Equal(checksum.Value.ToLowerInvariant(), checksum.Value);
        Assert.StartsWith(algorithm + ":", checksum.ToString(), StringComparison.Ordinal);
        Assert.Equal(checksum, ImageChecksum.Parse(checksum.ToString()));
    }

    [Theory]
    [InlineData("sha256:abc", "a sha256 digest has 64 hex digits; this one has 3")]
    [InlineData("crc32:0123abcd", "checksum algorithm 'crc32' cannot be verified; use one of md5, sha1, sha256, sha384, sha512")]
    [InlineData("sha224:0123456789abcdef0123456789abcdef0123456789abcdef01234567", "checksum algorithm 'sha224' cannot be verified")]
    [InlineData("sha256:zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "is not a 64-digit hex sha256 digest")]
    [InlineData("0123", "has no 'algorithm:' prefix")]
    [InlineData("", "has no 'algorithm:' prefix")]
    public void Refuses_what_cannot_be_verified(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ImageChecksum.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(ImageChecksum.TryParse(text, out _));
    }

    [Theory]
    [InlineData(32, "md5")]
    [InlineData(40, "sha1")]
    [InlineData(64, "sha256")]
    [InlineData(96, "sha384")]
    [InlineData(128, "sha512")]
    public void A_manifest_digest_is_named_by_its_length(int length, string algorithm) =>
        Assert.Equal(algorithm, ImageChecksum.FromDigest(new string('A', length))?.Algorithm);

    [Fact]
    public void A_manifest_digest_of_no_known_length_names_nothing() =>
        Assert.Null(ImageChecksum.FromDigest(new string('a', 56)));

    [Fact]
    public void Compares_with_Glance_hashes_in_any_case()
    {
        var checksum = ImageChecksum.Parse("sha512:" + new string('a', 128));

        Assert.True(checksum.IsAlgorithm("SHA512"));
        Assert.False(checksum.IsAlgorithm("sha256"));
        Assert.False(checksum.IsAlgorithm(null));
        Assert.True(checksum.Matches(new string('A', 128)));
        Assert.False(checksum.Matches((string?)null));
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha384")]
    [InlineData("sha512")]
    public async Task Every_algorithm_the_validator_accepts_the_transfer_verifies(string algorithm)
    {
        var digest = algorithm switch
        {
            "md5" => MD5.HashData(s_data),
            "sha1" => SHA1.HashData(s_data),
            "sha256" => SHA256.HashData(s_data),
            "sha384" => SHA384.HashData(s_data),
            _ => SHA512.HashData(s_data),
        };
        var text = $"{algorithm}:{Convert.ToHexStringLower(digest)}";
        var loaded = DefinitionLoader.Load([DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("Testix", false, ["1.0"], checksum: text)))], strict: true,
            NullOperationLog.Instance, CancellationToken.None);
        Assert.Empty(loaded.Problems.Select(p => p.ToString()));
        var declared = Assert.Single(Assert.Single(loaded.Definitions).Versions).Checksum;

        var file = Path.Combine(Path.GetTempPath(), $"oim-checksum-{Guid.NewGuid():N}.img");
        await File.WriteAllBytesAsync(file, s_data);
        try
        {
            using var source = await UpstreamSource.OpenAsync([new Uri(file).AbsoluteUri], null, declared, storedSha256: false,
                new UpstreamOptions { FileRoots = [Path.GetTempPath()] }, null, null, NullOperationLog.Instance, CancellationToken.None);
            await source.Content.CopyToAsync(Stream.Null);

            Assert.True(source.Hashes.Verify(out var detail), detail);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("sha224:0123456789abcdef0123456789abcdef0123456789abcdef01234567", "checksum algorithm 'sha224' cannot be verified")]
    [InlineData("crc32:0123456789abcdef0123456789abcdef", "checksum algorithm 'crc32' cannot be verified")]
    public void The_validator_refuses_an_algorithm_nothing_can_verify(string checksum, string message)
    {
        var loaded = DefinitionLoader.Load([DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("Testix", false, ["1.0"], checksum: checksum)))], strict: false,
            NullOperationLog.Instance, CancellationToken.None);

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line > 0 && problem.Column > 0);
        Assert.Empty(loaded.Definitions);
    }
}
