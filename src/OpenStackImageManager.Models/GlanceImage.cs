namespace OpenStackImageManager.Models;

/// <summary>
/// One image as Glance holds it. <see cref="Properties"/> carries every attribute that is not one of the
/// core attributes below, as the strings Glance stores.
/// </summary>
public sealed record GlanceImage
{
    public string Id { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>queued, saving, uploading, importing, active, deactivated, killed, deleted, pending_delete.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>public, private, shared or community.</summary>
    public string Visibility { get; init; } = string.Empty;

    /// <summary>Glance's <c>os_hidden</c>.</summary>
    public bool Hidden { get; init; }

    public bool Protected { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? DiskFormat { get; init; }

    public string? ContainerFormat { get; init; }

    public long? Size { get; init; }

    public long? VirtualSize { get; init; }

    /// <summary>The legacy MD5 <c>checksum</c>.</summary>
    public string? Checksum { get; init; }

    /// <summary><c>os_hash_algo</c>, e.g. sha512.</summary>
    public string? HashAlgorithm { get; init; }

    /// <summary><c>os_hash_value</c>.</summary>
    public string? HashValue { get; init; }

    public string? Owner { get; init; }

    public int MinDisk { get; init; }

    public int MinRam { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The clouds.yaml name of the cloud this image was read from.</summary>
    public string? Cloud { get; init; }

    public override string ToString() => Name.Length > 0 ? $"{Name} ({Id})" : Id;
}
