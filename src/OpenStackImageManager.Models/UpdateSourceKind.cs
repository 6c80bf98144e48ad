namespace OpenStackImageManager.Models;

/// <summary>How a new upstream build of a definition is found.</summary>
public enum UpdateSourceKind
{
    /// <summary>A directory listing of dated build folders (Ubuntu, Debian) and the manifest inside the newest one.</summary>
    DatedDirectory,

    /// <summary>A fixed "latest" file name in a checksum manifest (AlmaLinux, Rocky, CentOS Stream); the version is its Last-Modified date.</summary>
    PointerFile,

    /// <summary>A <c>HEREBE&lt;regex&gt;DRAGONS</c> pattern: the highest file name of the manifest that matches it.</summary>
    ManifestPattern,

    /// <summary>The newest release of a GitHub repository with an asset matching a pattern (Garden Linux).</summary>
    GitHubRelease,
}
