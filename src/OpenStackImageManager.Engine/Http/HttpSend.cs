using System.Net.Http.Headers;
using System.Net.Sockets;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Http;

/// <summary>Sends a request and turns transport failures into <see cref="OpenStackTransportException"/>.</summary>
internal static class HttpSend
{
    internal static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Sends with ResponseHeadersRead, so bodies stream; the handlers log to <paramref name="log"/>. Cancellation by the caller stays an
    /// OperationCanceledException; every other failure says what was tried and how often.
    /// </summary>
    internal static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, string service, IOperationLog log, CancellationToken cancellationToken)
    {
        request.WithLog(log);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException)
        {
            var attempts = request.Options.TryGetValue(RequestPolicy.Attempts, out var n) ? n : 1;
            var kind = ex is TimeoutException or OperationCanceledException ? OpenStackErrorKind.Timeout : OpenStackErrorKind.Connection;
            var target = request.RequestUri is { } uri ? $"{uri.Scheme}://{uri.Authority}" : "?";
            var path = request.RequestUri?.AbsolutePath ?? "?";
            var reason = Describe(ex);
            var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
            throw new OpenStackTransportException(
                kind,
                request.Method.Method,
                path,
                attempts,
                $"{service} {request.Method} {path} on {target} failed after {tries}: {reason}",
                ex);
        }
    }

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null && innermost is not TimeoutException)
        {
            innermost = innermost.InnerException;
        }

        return innermost switch
        {
            TimeoutException timeout => timeout.Message,
            SocketException socket => $"{socket.SocketErrorCode} ({socket.Message})",
            _ => innermost.Message,
        };
    }
}
