namespace OpenStackImageManager.Models;

/// <summary>What became of a version's declared checksum during an import.</summary>
public enum ChecksumVerification
{
    /// <summary>Nothing was imported, or the version declares no checksum.</summary>
    NotApplicable,

    /// <summary>Computed on the bytes as they streamed through us and equal.</summary>
    Verified,

    /// <summary>Equal to Glance's <c>os_hash_value</c> (same algorithm, no conversion by Glance).</summary>
    VerifiedByGlance,

    /// <summary>Could not be compared (web-download with conversion or another algorithm); accepted under BestEffort.</summary>
    Unverified,

    /// <summary>Not checked: ChecksumPolicy Skip.</summary>
    Skipped,

    /// <summary>Different: the new image was deleted.</summary>
    Mismatch,
}
