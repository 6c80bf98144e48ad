namespace OpenStackImageManager.Engine.Mirror;

/// <summary>How transfers run. Memory per transfer is at most <see cref="PartSize"/> × <see cref="PartBuffers"/>.</summary>
public sealed record MirrorOptions
{
    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>Upload even when an object with matching metadata exists.</summary>
    public bool Force { get; init; }

    /// <summary>Bytes per multipart part (S3 needs at least 5 MiB for all parts but the last).</summary>
    public int PartSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Part buffers per transfer: one being filled while the others upload.</summary>
    public int PartBuffers { get; init; } = 3;

    public UpstreamOptions Upstream { get; init; } = new();
}
