using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// The user metadata a mirrored object carries (<c>x-amz-meta-mirror-*</c>) and the HEAD comparison
/// that decides whether it can be skipped. S3 fixes metadata when the multipart upload starts, so
/// only what is known then is stored: the source URL, its size when the server said it, the
/// compression, and the declared checksum, which holds because the upload completes only if the
/// bytes matched it.
/// </summary>
internal static class MirrorObjectMetadata
{
    public const string SourceUrl = "mirror-source-url";
    public const string SourceUrlSha256 = "mirror-source-url-sha256";
    public const string SourceSize = "mirror-source-size";
    public const string Checksum = "mirror-checksum";
    public const string Compression = "mirror-compression";

    /// <summary>Swift's default limit for one metadata value (max_meta_value_length).</summary>
    private const int MaxValueLength = 256;

    public static Dictionary<string, string> For(MirrorRequest request, long? sourceSize)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Compression] = SourceDecompression.Name(request.Compression),
        };
        var url = request.SourceUrl.AbsoluteUri;
        if (url.Length <= MaxValueLength)
        {
            metadata[SourceUrl] = url;
        }
        else
        {
            metadata[SourceUrlSha256] = UrlDigest(url);
        }

        if (sourceSize is { } size)
        {
            metadata[SourceSize] = size.ToString(CultureInfo.InvariantCulture);
        }

        if (request.Checksum is { } checksum)
        {
            metadata[Checksum] = checksum.ToString();
        }

        return metadata;
    }

    /// <summary>Null when the stored object is what <paramref name="request"/> would produce; else why not.</summary>
    public static string? Mismatch(GetObjectMetadataResponse head, MirrorRequest request)
    {
        var stored = head.Metadata;
        var checksum = Read(stored, Checksum);
        if (request.Checksum is { } declared)
        {
            if (checksum is null)
            {
                return "it carries no checksum metadata";
            }

            if (!string.Equals(checksum, declared.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return $"its checksum metadata {checksum} differs from the declared {declared}";
            }
        }
        else
        {
            var url = request.SourceUrl.AbsoluteUri;
            var sameSource = Read(stored, SourceUrl) is { } storedUrl
                ? storedUrl == url
                : Read(stored, SourceUrlSha256) is { } storedDigest && storedDigest == UrlDigest(url);
            if (!sameSource)
            {
                return "no checksum is declared and it was not mirrored from this URL";
            }
        }

        if (request.Compression == SourceCompression.None
            && long.TryParse(Read(stored, SourceSize), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && head.ContentLength != size)
        {
            return $"its size {head.ContentLength} differs from the source size {size} it recorded";
        }

        return null;
    }

    private static string? Read(MetadataCollection metadata, string name)
    {
        var value = metadata["x-amz-meta-" + name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string UrlDigest(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
}
