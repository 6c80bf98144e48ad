using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>Which way the bytes of a new image travel (docs/BEHAVIOUR.md, "Import").</summary>
internal static class ImportMethods
{
    public const string WebDownload = "web-download";
    public const string GlanceDirect = "glance-direct";

    public static ImportMethod Choose(ImportMethod requested, ChecksumPolicy policy, ImageDefinition definition, ImageVersion version, ImportCapabilities capabilities)
    {
        var url = version.DownloadUrl;
        var isFile = url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        var glanceDirect = capabilities.Offers(GlanceDirect);
        switch (requested)
        {
            case ImportMethod.WebDownload when isFile || !capabilities.Offers(WebDownload):
                throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                    isFile ? $"{version.GlanceName}: a file: URL cannot be imported by web-download" : $"{version.GlanceName}: the cloud does not offer web-download") { Target = version.GlanceName };
            case ImportMethod.GlanceDirect when !glanceDirect:
                throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{version.GlanceName}: the cloud does not offer glance-direct") { Target = version.GlanceName };
            case ImportMethod.Auto:
                break;
            default:
                return requested;
        }

        if (WebDownloadPossible(url, capabilities)
            && (version.Checksum is null || policy != ChecksumPolicy.Require || GlanceHashComparable(definition.Format, version.Checksum, url, capabilities.HashAlgorithm)))
        {
            return ImportMethod.WebDownload;
        }

        return glanceDirect ? ImportMethod.GlanceDirect : ImportMethod.Upload;
    }

    /// <summary>
    /// Web-download needs the method, an http(s) URL Glance's default filters pass (not <c>localhost</c>),
    /// and a format Glance can unpack itself (gzip) or none.
    /// </summary>
    internal static bool WebDownloadPossible(string url, ImportCapabilities capabilities) =>
        capabilities.Offers(WebDownload)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        && CompressionOf(uri.AbsolutePath) is SourceCompression.None or SourceCompression.Gzip;

    /// <summary>
    /// Glance hashes the bytes it stores, after its decompression and conversion: its hash equals the
    /// declared one only for the same algorithm, an uncompressed source and an image already raw (nothing
    /// to convert). The one owner of this rule: the planner asks it with the algorithm seen on existing
    /// images (sha512, Glance's default, when there are none), the importer with what Glance stored.
    /// </summary>
    internal static bool GlanceHashComparable(string diskFormat, ImageChecksum? declared, string sourceUrl, string? glanceAlgorithm) =>
        declared is { } checksum
        && string.Equals(checksum.Algorithm, glanceAlgorithm ?? "sha512", StringComparison.OrdinalIgnoreCase)
        && string.Equals(diskFormat, "raw", StringComparison.OrdinalIgnoreCase)
        && CompressionOf(sourceUrl) == SourceCompression.None;

    /// <summary>
    /// The compression a URL's file name names. We undo all of them while streaming; Glance's own
    /// plugin only unpacks gzip (and zip), which is why web-download takes no other.
    /// </summary>
    internal static SourceCompression CompressionOf(string url) => SourceDecompression.FromFileName(UpstreamSource.PathOf(url));
}
