namespace OpenStackImageManager.Models;

/// <summary>What Sync-GlanceImage did with one plan item.</summary>
public sealed class ImageSyncResult
{
    public required ImageChange Change { get; init; }

    public required SyncOutcome Outcome { get; init; }

    public ImageChangeKind Kind => Change.Kind;

    public string? DefinitionName => Change.DefinitionName;

    public string? Version => Change.Version;

    public string ImageName => Change.ImageName;

    /// <summary>The image's id after the change (the new id for Create).</summary>
    public string? ImageId { get; init; }

    public string? Cloud => Change.Cloud;

    public TimeSpan Duration { get; init; }

    /// <summary>Bytes that passed through us (0 for web-download and metadata changes).</summary>
    public long BytesTransferred { get; init; }

    /// <summary>For Create: the method actually used (Auto resolved).</summary>
    public ImportMethod? ImportMethod { get; init; }

    /// <summary>For Create: the URL the bytes came from (the mirror, or url after a fallback).</summary>
    public string? SourceUrl { get; init; }

    public ChecksumVerification Checksum { get; init; }

    /// <summary>What happened, in a sentence (the error's message on failure).</summary>
    public string? Message { get; init; }

    /// <summary>The image after the change; null after Delete or failure.</summary>
    public GlanceImage? Image { get; init; }

    public override string ToString() => $"{Outcome} {Change.Symbol} {Change.Description}";
}
