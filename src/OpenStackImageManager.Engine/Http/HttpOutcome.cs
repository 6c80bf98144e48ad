namespace OpenStackImageManager.Engine.Http;

/// <summary>How one attempt ended: an answer (any status) or a fault.</summary>
internal readonly record struct HttpOutcome(HttpResponseMessage? Result, Exception? Exception)
{
    public static HttpOutcome FromResult(HttpResponseMessage response) => new(response, null);

    public static HttpOutcome FromException(Exception fault) => new(null, fault);
}
