namespace OpenStackImageManager.Fault.Tests.Upstream;

/// <summary>How the upstream fault server answers for one image path (the first segment of its URL).</summary>
public enum UpstreamFault
{
    /// <summary>The right bytes.</summary>
    None,
    NotFound,

    /// <summary>The first two answers break off halfway (no Range support); later ones are whole.</summary>
    Truncated,

    /// <summary>Other bytes of the same length.</summary>
    WrongBytes,

    /// <summary>Half the body, a pause, then the rest.</summary>
    Stall,

    /// <summary>A redirect to itself, for ever.</summary>
    RedirectLoop,

    /// <summary>A redirect to 127.0.0.2, where a canary serves the right bytes and counts who came.</summary>
    RedirectInternal,

    /// <summary>A redirect to the cloud metadata service, 169.254.169.254.</summary>
    RedirectMetadata,

    /// <summary>A redirect to a <c>file:</c> URL of a local file that holds the right bytes.</summary>
    RedirectFile,

    /// <summary>Content-Length of a terabyte, then the right bytes and the end of the connection.</summary>
    HugeContentLength,
}
