namespace OpenStackImageManager.Models;

/// <summary>
/// The outcome of mirroring one image version into S3: what was read, where it went, whether the
/// declared checksum was verified. Written by <c>Sync-ImageMirror -PassThru</c>.
/// </summary>
public sealed record MirrorResult
{
    /// <summary>Name of the image definition.</summary>
    public string Definition { get; init; } = string.Empty;

    /// <summary>The version label of the definition's version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The upstream URL the bytes were (or would be) read from.</summary>
    public string SourceUrl { get; init; } = string.Empty;

    public string Bucket { get; init; } = string.Empty;

    /// <summary>The object key in <see cref="Bucket"/>.</summary>
    public string ObjectKey { get; init; } = string.Empty;

    public MirrorStatus Status { get; init; }

    /// <summary>Bytes stored (after decompression); for a skipped object its stored size.</summary>
    public long Bytes { get; init; }

    /// <summary>Bytes read from upstream (before decompression); 0 when skipped.</summary>
    public long SourceBytes { get; init; }

    /// <summary>True when the declared checksum was compared and matched (or matched the stored metadata).</summary>
    public bool ChecksumVerified { get; init; }

    /// <summary>The declared checksum as <c>algorithm:hex</c>, or null when the definition declares none.</summary>
    public string? Checksum { get; init; }

    /// <summary>SHA-256 of the stored bytes, when they passed through us.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Compression removed on the way (<c>none</c>, <c>gzip</c>, <c>bzip2</c>, <c>xz</c>, <c>zstd</c>).</summary>
    public string Compression { get; init; } = "none";

    public TimeSpan Duration { get; init; }

    public MirrorFailure Failure { get; init; }

    /// <summary>Why the transfer failed; null unless <see cref="Status"/> is Failed. Never holds a secret.</summary>
    public string? Error { get; init; }

    public override string ToString() => $"{Status} {Bucket}/{ObjectKey}";
}
