namespace OpenStackImageManager.Engine.Sync;

/// <summary>The kinds of <see cref="ImportRefusal"/>.</summary>
public enum ImportRefusalReason
{
    /// <summary>Web-download was asked for, the checksum policy demands verification, and Glance's hash cannot stand for the declared one.</summary>
    ChecksumNotVerifiableByGlance,

    /// <summary>Web-download was asked for a <c>file:</c> URL.</summary>
    FileUrlForWebDownload,

    WebDownloadNotOffered,

    GlanceDirectNotOffered,
}
