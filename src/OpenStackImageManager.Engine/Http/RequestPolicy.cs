using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Http;

/// <summary>Per-request switches the handlers read from <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RequestPolicy
{
    /// <summary>Set on requests that carry or fetch a whole image: no per-attempt timeout applies.</summary>
    internal static readonly HttpRequestOptionsKey<bool> LongTransfer = new("oim.long-transfer");

    /// <summary>
    /// Set to false on a request that must never be sent twice, whatever its method; set to true on one
    /// whose method is not idempotent but whose repeat cannot do harm (a token request, a PATCH that only sets values).
    /// </summary>
    internal static readonly HttpRequestOptionsKey<bool> Repeatable = new("oim.repeatable");

    /// <summary>Set on Keystone token requests: the auth handler must not add a token or renew on 401.</summary>
    internal static readonly HttpRequestOptionsKey<bool> Anonymous = new("oim.anonymous");

    /// <summary>How many times the request was sent; set by the resilience handler, read for error messages.</summary>
    internal static readonly HttpRequestOptionsKey<int> Attempts = new("oim.attempts");

    /// <summary>
    /// The log of the operation that sends the request. Handlers live as long as a session and serve
    /// many operations, so they hold no log: the client that sends sets its caller's log here, and the
    /// debug, resilience and token handlers write to it.
    /// </summary>
    internal static readonly HttpRequestOptionsKey<IOperationLog> Log = new("oim.log");

    /// <summary>Marks <paramref name="request"/> with the log its handlers write to.</summary>
    internal static HttpRequestMessage WithLog(this HttpRequestMessage request, IOperationLog log)
    {
        request.Options.Set(Log, log);
        return request;
    }

    /// <summary>The log the sender set on <paramref name="request"/>; none when it set none.</summary>
    internal static IOperationLog LogOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Log, out var log) ? log : NullOperationLog.Instance;

    /// <summary>
    /// Whether sending the request again cannot do harm: an idempotent method and a body we can send
    /// again (a stream is read once). A POST may create a second image, so it never qualifies on its own.
    /// </summary>
    internal static bool IsSafeToRepeat(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Repeatable, out var repeatable))
        {
            // Set by the sender who knows: false for a create, true for a token request or a PATCH
            // whose operations only set values (sending it twice leaves the same image).
            return repeatable && HasReplayableContent(request);
        }

        var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || request.Method == HttpMethod.Options || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Delete;
        return idempotent && HasReplayableContent(request);
    }

    /// <summary>Whether the body can be sent again (buffered content, or none).</summary>
    internal static bool HasReplayableContent(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent;

    internal static bool IsLongTransfer(HttpRequestMessage request) =>
        request.Options.TryGetValue(LongTransfer, out var value) && value;
}
