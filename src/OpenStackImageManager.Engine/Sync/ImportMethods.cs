using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>Which way the bytes of a new image travel (docs/BEHAVIOUR.md, "Import").</summary>
internal static class ImportMethods
{
    public const string WebDownload = "web-download";
    public const string GlanceDirect = "glance-direct";

    /// <summary>
    /// The method for one new image, or why none can succeed under the plan's method and checksum policy:
    /// decided while planning, before anything is created, so a run that cannot verify what it imports
    /// refuses instead of importing and deleting every image. Auto takes the path that moves the fewest
    /// bytes through this host while still verifying: web-download when Glance's own hash can stand for
    /// the declared checksum (or nothing needs verifying), else glance-direct, else upload.
    /// </summary>
    public static ImportChoice Choose(ImportMethod requested, ChecksumPolicy policy, ImageDefinition definition, ImageVersion version, ImportCapabilities capabilities)
    {
        var url = version.DownloadUrl;
        var isFile = url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        var glanceDirect = capabilities.Offers(GlanceDirect);
        var verifiable = version.Checksum is null || policy != ChecksumPolicy.Require
            || GlanceHashComparable(version.Checksum, url, capabilities.HashAlgorithm, converted: !StoredAsIs(definition.Format));
        switch (requested)
        {
            case ImportMethod.WebDownload when isFile:
                return Refuse(version, ImportRefusalReason.FileUrlForWebDownload, "a file: URL is on this host, Glance cannot fetch it");
            case ImportMethod.WebDownload when !capabilities.Offers(WebDownload):
                return Refuse(version, ImportRefusalReason.WebDownloadNotOffered, "the cloud does not offer web-download");
            case ImportMethod.WebDownload when !verifiable:
                return Refuse(version, ImportRefusalReason.ChecksumNotVerifiableByGlance, WhyNotComparable(definition, version, capabilities));
            case ImportMethod.GlanceDirect when !glanceDirect:
                return Refuse(version, ImportRefusalReason.GlanceDirectNotOffered, "the cloud does not offer glance-direct");
            case ImportMethod.Auto:
                break;
            default:
                return new ImportChoice(requested, null);
        }

        if (WebDownloadPossible(url, capabilities) && verifiable)
        {
            return new ImportChoice(ImportMethod.WebDownload, null);
        }

        return new ImportChoice(glanceDirect ? ImportMethod.GlanceDirect : ImportMethod.Upload, null);
    }

    /// <summary>
    /// Whether Glance is sure to store an image of <paramref name="diskFormat"/> as it came: its conversion
    /// plugin converts to its output format (raw unless the operator chose another), and a source already
    /// in that format is stored unchanged. The planner cannot see the operator's choice, so it counts on raw;
    /// the importer knows afterwards (Glance changes disk_format when it converts).
    /// </summary>
    internal static bool StoredAsIs(string diskFormat) => string.Equals(diskFormat, "raw", StringComparison.OrdinalIgnoreCase);

    private static string WhyNotComparable(ImageDefinition definition, ImageVersion version, ImportCapabilities capabilities)
    {
        var glance = capabilities.HashAlgorithm ?? DefaultGlanceAlgorithm;
        return version.Checksum is { } declared && !declared.IsAlgorithm(glance)
            ? $"Glance hashes what it stores with {glance}, the definition declares {declared.Algorithm}"
            : CompressionOf(version.DownloadUrl) != SourceCompression.None
                ? "Glance unpacks the compressed source and hashes the unpacked bytes"
                : $"Glance converts {definition.Format} images before hashing what it stores";
    }

    private static ImportChoice Refuse(ImageVersion version, ImportRefusalReason reason, string detail) =>
        new(null, new ImportRefusal(version.GlanceName, reason, detail, version.Checksum?.Algorithm));

    /// <summary>Glance's default <c>hashing_algorithm</c>, assumed when no existing image shows another.</summary>
    internal const string DefaultGlanceAlgorithm = "sha512";

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
    /// Glance's <c>os_hash_value</c> is computed by its store while it writes the image, after its
    /// decompression and conversion plugins: it equals the declared digest only for the same algorithm
    /// (Glance's <c>hashing_algorithm</c>), an uncompressed source and no conversion. The one owner of this
    /// rule: the planner asks it with the algorithm seen on existing images (sha512, Glance's default, when
    /// there are none) and a predicted conversion (<see cref="StoredAsIs"/>); the importer with what Glance
    /// stored and whether its disk_format changed.
    /// </summary>
    internal static bool GlanceHashComparable(ImageChecksum? declared, string sourceUrl, string? glanceAlgorithm, bool converted) =>
        declared is { } checksum
        && checksum.IsAlgorithm(glanceAlgorithm ?? DefaultGlanceAlgorithm)
        && !converted
        && CompressionOf(sourceUrl) == SourceCompression.None;

    /// <summary>
    /// The compression a URL's file name names. We undo all of them while streaming; Glance's own
    /// plugin only unpacks gzip (and zip), which is why web-download takes no other.
    /// </summary>
    internal static SourceCompression CompressionOf(string url) => SourceDecompression.FromFileName(UpstreamSource.PathOf(url));
}
