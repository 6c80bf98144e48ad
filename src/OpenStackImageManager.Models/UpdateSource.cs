namespace OpenStackImageManager.Models;

/// <summary>
/// Where and how the new builds of a definition are found, as data: derived from the definition's
/// <c>latest_url</c>, <c>latest_checksum_url</c>, shortname and versions, or declared for a shortname.
/// </summary>
public sealed record UpdateSource
{
    public UpdateSourceKind Kind { get; init; }

    /// <summary>
    /// DatedDirectory: the listing of the build folders (ends with <c>/</c>). PointerFile and
    /// ManifestPattern: the folder the image files are in. GitHubRelease: the releases API URL.
    /// </summary>
    public string Location { get; init; } = string.Empty;

    /// <summary>The image's file name (DatedDirectory, PointerFile).</summary>
    public string? FileName { get; init; }

    /// <summary>A regular expression over file names (ManifestPattern) or release asset names (GitHubRelease).</summary>
    public string? FilePattern { get; init; }

    /// <summary>The checksum manifest: an absolute URL (PointerFile, ManifestPattern) or, for DatedDirectory, its name inside the build folder.</summary>
    public string? Manifest { get; init; }

    /// <summary>When declared: the shortname of the definitions this source is for.</summary>
    public string? ShortName { get; init; }

    public override string ToString() => Kind switch
    {
        UpdateSourceKind.DatedDirectory => $"{Kind} {Location} ({Manifest}, {FileName})",
        UpdateSourceKind.PointerFile => $"{Kind} {Location}{FileName} ({Manifest})",
        UpdateSourceKind.ManifestPattern => $"{Kind} {Location} /{FilePattern}/ ({Manifest})",
        _ => $"{Kind} {Location} /{FilePattern}/",
    };
}
