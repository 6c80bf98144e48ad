using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// One file to mirror: read <see cref="SourceUrl"/>, undo <see cref="Compression"/>, verify
/// <see cref="Checksum"/>, store at <see cref="ObjectKey"/>. Independent of how definitions are loaded.
/// </summary>
/// <param name="Definition">The definition's name (for messages and results).</param>
/// <param name="Version">The version label.</param>
/// <param name="SourceUrl">http(s) or file: URL of the upstream file.</param>
/// <param name="ObjectKey">Where it goes in the bucket.</param>
/// <param name="Checksum">The declared checksum of the upstream file (or of its decompressed bytes), if any.</param>
/// <param name="Compression">The upstream file's compression; it is stored decompressed.</param>
public sealed record MirrorRequest(
    string Definition,
    string Version,
    Uri SourceUrl,
    string ObjectKey,
    ImageChecksum? Checksum,
    SourceCompression Compression)
{
    /// <summary>The definition file the request comes from; a file: source must lie below its folder.</summary>
    public string? CatalogFile { get; init; }

    /// <summary>A request whose compression follows from the source URL's file name.</summary>
    public static MirrorRequest For(string definition, string version, Uri sourceUrl, string objectKey, ImageChecksum? checksum) =>
        new(definition, version, sourceUrl, objectKey, checksum, SourceDecompression.FromFileName(sourceUrl.AbsolutePath));
}
