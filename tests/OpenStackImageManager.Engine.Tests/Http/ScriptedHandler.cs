using System.Collections.Concurrent;

namespace OpenStackImageManager.Engine.Tests.Http;

/// <summary>
/// An in-process server for the failures the real Glance cannot be driven into (429 with Retry-After,
/// 502/503/504, a hanging answer): answers each attempt from a script and records when it came.
/// </summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) : HttpMessageHandler
{
    private int _next;

    public ConcurrentQueue<(string Method, DateTimeOffset At)> Attempts { get; } = new();

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(int status, Action<HttpResponseMessage>? configure = null, string body = "") =>
        (_, _) =>
        {
            var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fault() =>
        (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection reset by peer", new IOException("reset")));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((request.Method.Method, DateTimeOffset.UtcNow));
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, script.Length - 1);
        return AnswerAsync(script[index], request, cancellationToken);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // As SocketsHttpHandler does: the response knows its request.
        var response = await step(request, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
