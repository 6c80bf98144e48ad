namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>Where in a request the proxy holds it and tells the test to kill the tool.</summary>
public enum KillPoint
{
    /// <summary>The request arrived; it is never forwarded.</summary>
    OnArrival,

    /// <summary>The service answered; the answer is never passed on.</summary>
    AfterAnswer,

    /// <summary>Half of the request body reached the service; the rest never does.</summary>
    MidBody,
}
