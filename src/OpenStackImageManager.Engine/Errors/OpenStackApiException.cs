using System.Net;

namespace OpenStackImageManager.Engine.Errors;

/// <summary>
/// A service answered with an error status. Carries what every error must carry (docs/BEHAVIOUR.md, "Bad input"): method,
/// URL path, status, the service's own message and its request id.
/// </summary>
internal class OpenStackApiException : OpenStackException
{
    public OpenStackApiException(
        OpenStackErrorKind kind,
        string service,
        string method,
        string path,
        HttpStatusCode status,
        string? serviceMessage,
        string? requestId)
        : base(kind, Format(service, method, path, status, serviceMessage, requestId))
    {
        Service = service;
        Method = method;
        Path = path;
        Status = status;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
    }

    public string Service { get; }

    public string Method { get; }

    public string Path { get; }

    public HttpStatusCode Status { get; }

    public string? ServiceMessage { get; }

    public string? RequestId { get; }

    /// <summary>Maps a status to the kind of failure; 413 is how Glance reports an exceeded quota (storage, tags, properties, members).</summary>
    public static OpenStackErrorKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => OpenStackErrorKind.Authentication,
        HttpStatusCode.Forbidden => OpenStackErrorKind.PermissionDenied,
        HttpStatusCode.NotFound => OpenStackErrorKind.NotFound,
        HttpStatusCode.Conflict => OpenStackErrorKind.Conflict,
        HttpStatusCode.RequestEntityTooLarge => OpenStackErrorKind.QuotaExceeded,
        HttpStatusCode.UnsupportedMediaType => OpenStackErrorKind.UnsupportedMediaType,
        HttpStatusCode.BadRequest => OpenStackErrorKind.InvalidRequest,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout => OpenStackErrorKind.ServiceUnavailable,
        _ => OpenStackErrorKind.Unknown,
    };

    private static string Format(string service, string method, string path, HttpStatusCode status, string? serviceMessage, string? requestId)
    {
        var text = $"{service} {method} {path} failed: {(int)status} {status}";
        if (status == HttpStatusCode.RequestEntityTooLarge)
        {
            text += " (quota exceeded)";
        }

        if (!string.IsNullOrWhiteSpace(serviceMessage))
        {
            text += $": {serviceMessage}";
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text += $" [request {requestId}]";
        }

        return text;
    }
}
