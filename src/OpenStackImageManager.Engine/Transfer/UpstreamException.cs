using System.Net;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>The upstream file could not be read: the message says what was tried and what came back.</summary>
internal sealed class UpstreamException : Exception
{
    public UpstreamException(string message)
        : base(message)
    {
    }

    public UpstreamException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UpstreamException()
    {
    }

    /// <summary>The final HTTP status, or 404 for a missing file: URL; null for connection faults.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The fetch policy refused the URL, a redirect or the address (never retried).</summary>
    public bool IsRefused { get; init; }

    /// <summary>The source does not exist (404, 410, a missing file); a mirror that says so falls back to the URL.</summary>
    public bool IsMissing => StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden;
}
