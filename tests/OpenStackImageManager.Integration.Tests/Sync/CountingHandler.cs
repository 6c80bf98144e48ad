using System.Collections.Concurrent;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>Records every request the session sends (at the wire, so retries count too).</summary>
internal sealed class RequestLog
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public void Clear() => Entries.Clear();

    public int Count(Func<string, bool> match) => Entries.Count(match);

    public override string ToString() => string.Join(Environment.NewLine, Entries);
}

internal sealed class CountingHandler(RequestLog log) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        log.Entries.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
