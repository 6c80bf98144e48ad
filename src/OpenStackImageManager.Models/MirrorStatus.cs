namespace OpenStackImageManager.Models;

/// <summary>What <c>Sync-ImageMirror</c> did with one object.</summary>
public enum MirrorStatus
{
    /// <summary>The object was already there with matching size and checksum metadata.</summary>
    Skipped,

    /// <summary>The upstream file was streamed, verified and stored.</summary>
    Uploaded,

    /// <summary>Nothing was stored; <see cref="MirrorResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>Why a mirror transfer failed; the cmdlet turns it into an ErrorCategory.</summary>
public enum MirrorFailure
{
    None,

    /// <summary>The definition cannot be mirrored as given (no URL, unsupported archive, bad key).</summary>
    InvalidDefinition,

    /// <summary>The upstream file could not be read (HTTP error, connection lost beyond the retries).</summary>
    SourceUnavailable,

    /// <summary>The bytes did not match the declared checksum; the upload was aborted.</summary>
    ChecksumMismatch,

    /// <summary>The object store refused or failed a request.</summary>
    StorageError,

    /// <summary>The object store rejected the credentials (401/403).</summary>
    AccessDenied,
}
