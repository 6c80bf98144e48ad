namespace OpenStackImageManager.Engine.Errors;

/// <summary>What kind of failure an <see cref="OpenStackException"/> is; front ends map it to their own categories.</summary>
public enum OpenStackErrorKind
{
    Unknown,
    Configuration,
    Authentication,
    PermissionDenied,
    NotFound,
    Conflict,
    QuotaExceeded,
    UnsupportedMediaType,
    InvalidRequest,
    Protected,
    ServiceUnavailable,
    Connection,
    Timeout,
}
