namespace OpenStackImageManager.Models;

/// <summary>
/// One <c>versions:</c> entry of an image definition, with the Glance image name it produces.
/// </summary>
public sealed class ImageVersion
{
    /// <summary>The version label as written (<c>'20240603'</c>, <c>'0.6.2'</c>, <c>latest</c>).</summary>
    public required string Version { get; init; }

    /// <summary>Name of the definition this version belongs to.</summary>
    public required string DefinitionName { get; init; }

    /// <summary>Canonical source (http, https or <c>file:</c>; the loader refuses other schemes); recorded as <c>image_source</c>.</summary>
    public required string Url { get; init; }

    /// <summary>Where to download from instead of <see cref="Url"/>, when set.</summary>
    public string? MirrorUrl { get; init; }

    /// <summary>The URL the bytes come from: <see cref="MirrorUrl"/> when set, else <see cref="Url"/>.</summary>
    public string DownloadUrl => MirrorUrl ?? Url;

    public ImageChecksum? Checksum { get; init; }

    /// <summary>For <c>latest</c>: a manifest with <c>digest filename</c> lines.</summary>
    public string? ChecksumsUrl { get; init; }

    /// <summary>For <c>latest</c>: a file holding one bare digest.</summary>
    public string? ChecksumUrl { get; init; }

    public DateOnly BuildDate { get; init; }

    /// <summary>Overrides the definition's visibility for this version.</summary>
    public string? Visibility { get; init; }

    /// <summary>Desired <c>os_hidden</c>, when given.</summary>
    public bool? Hidden { get; init; }

    /// <summary>Overrides <c>meta.os_version</c> for <c>multi: true</c> definitions.</summary>
    public string? OsVersion { get; init; }

    /// <summary>Per-version property overrides, as Glance strings, in file order.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = EmptyMeta;

    /// <summary>Fixed Glance image id to create this version with (same id in every region).</summary>
    public string? Id { get; init; }

    /// <summary>True for the special version <c>latest</c> (upstream pointer URL, checksum-driven updates).</summary>
    public bool IsLatest => string.Equals(Version, "latest", StringComparison.Ordinal);

    /// <summary>The name this version has in Glance once the catalog is in place.</summary>
    public required string GlanceName { get; init; }

    /// <summary>True for the newest version (natural sort) of its definition.</summary>
    public bool IsCurrent { get; init; }

    public int SourceLine { get; init; }

    public override string ToString() => GlanceName;

    internal static readonly IReadOnlyDictionary<string, string> EmptyMeta =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>());
}
