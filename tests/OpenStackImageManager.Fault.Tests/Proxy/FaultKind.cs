namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>
/// What the proxy does to one request instead of passing it through. The status faults and the reset
/// before the answer never reach the service; a reset after the answer and a truncated body reach it,
/// so the service has acted and the client cannot tell.
/// </summary>
public enum FaultKind
{
    Status500,
    Status503,
    Status503RetryAfter,
    Status429,
    Status429RetryAfter,
    ResetBeforeAnswer,
    ResetAfterAnswer,
    TruncatedBody,
    Stall,
    Unauthorized401,
}
