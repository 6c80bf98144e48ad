using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>How an upstream file is compressed; the mirror stores it and the importer sends it to Glance decompressed.</summary>
public enum SourceCompression
{
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

/// <summary>Detects the compression from the file name and opens a decompressing stream over the download.</summary>
internal static class SourceDecompression
{
    private static readonly (string Extension, SourceCompression Compression)[] s_extensions =
    [
        (".gz", SourceCompression.Gzip),
        (".bz2", SourceCompression.Bzip2),
        (".xz", SourceCompression.Xz),
        (".zst", SourceCompression.Zstd),
    ];

    /// <summary>The compression a file name's last extension names (<c>.gz</c>, <c>.bz2</c>, <c>.xz</c>, <c>.zst</c>).</summary>
    public static SourceCompression FromFileName(string fileName)
    {
        foreach (var (extension, compression) in s_extensions)
        {
            if (fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return compression;
            }
        }

        return SourceCompression.None;
    }

    /// <summary>The file name without its compression extension (<c>a.raw.xz</c> → <c>a.raw</c>).</summary>
    public static string StripExtension(string fileName, SourceCompression compression)
    {
        if (compression == SourceCompression.None)
        {
            return fileName;
        }

        var extension = s_extensions.First(e => e.Compression == compression).Extension;
        return fileName[..^extension.Length];
    }

    /// <summary>True for tarballs (<c>.tar</c>, <c>.tar.xz</c>, <c>.tgz</c>…): they hold files, not one image.</summary>
    public static bool IsTarball(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".tar", StringComparison.Ordinal) || name.Contains(".tar.", StringComparison.Ordinal)
            || name.EndsWith(".tgz", StringComparison.Ordinal) || name.EndsWith(".zip", StringComparison.Ordinal);
    }

    public static string Name(SourceCompression compression) => compression switch
    {
        SourceCompression.None => "none",
        SourceCompression.Gzip => "gzip",
        SourceCompression.Bzip2 => "bzip2",
        SourceCompression.Xz => "xz",
        SourceCompression.Zstd => "zstd",
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>
    /// A stream of the decompressed bytes; disposing it disposes <paramref name="compressed"/>.
    /// gzip is built in; bzip2, xz and zstd come from SharpCompress (managed code, streaming; its zstd is the ZstdSharp port).
    /// </summary>
    public static Stream Open(Stream compressed, SourceCompression compression) => compression switch
    {
        SourceCompression.None => compressed,
        SourceCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false),
        SourceCompression.Bzip2 => BZip2Stream.Create(compressed, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false, tolerateTruncatedStream: false),
        SourceCompression.Xz => new XZStream(compressed),
        SourceCompression.Zstd => new DecompressionStream(compressed, bufferSize: 0, checkEndOfStream: true, leaveOpen: false),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };
}
