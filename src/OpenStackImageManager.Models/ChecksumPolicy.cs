namespace OpenStackImageManager.Models;

/// <summary>What a declared checksum demands of an import.</summary>
public enum ChecksumPolicy
{
    /// <summary>A declared checksum must be verified; web-download is used only when Glance's hash can be compared.</summary>
    Require,

    /// <summary>Verify when the bytes pass through us or Glance's hash is comparable; otherwise accept and report it unverified.</summary>
    BestEffort,

    /// <summary>Do not verify.</summary>
    Skip,
}
