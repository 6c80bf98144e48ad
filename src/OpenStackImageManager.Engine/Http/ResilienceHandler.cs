using System.Net;
using System.Runtime.ExceptionServices;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// Retries what is safe to retry and bounds each attempt in time, with the one <see cref="RetryPolicy"/>:
/// exponential backoff with jitter on 429/502/503/504 (and 500/408 for reads), per-attempt timeouts,
/// connection faults and truncated bodies; Retry-After is honoured. The
/// per-attempt timeout covers the headers and, for small GETs, the body; long transfers are exempt and
/// their bodies are read after this handler returns, so a long download is never cut off.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private readonly HttpTransportOptions _options;

    public ResilienceHandler(HttpTransportOptions options)
    {
        _options = options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var outcome = await RetryPolicy.ExecuteAsync(
            new RetryStrategy(
                _options.MaxRetries,
                _options.RetryBaseDelay,
                _options.RetryMaxDelay,
                attempt => ShouldRetry(request, attempt, cancellationToken),
                (attempt, delay, retry) => RequestPolicy.LogOf(request).Verbose(
                    $"Retrying {request.Method} {request.RequestUri?.AbsolutePath} in {delay.TotalSeconds:0.##} s after {RetryPolicy.Describe(attempt)} (retry {retry} of {_options.MaxRetries}).")),
            (attempt, token) =>
            {
                request.Options.Set(RequestPolicy.Attempts, attempt);
                return SendBoundedAsync(request, token);
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.Exception is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return outcome.Result!;
    }

    /// <summary>
    /// One attempt, bounded by the request timeout unless it is a long transfer. Running out of time is a
    /// <see cref="TimeoutException"/> (a fault a retry may follow); the caller's own cancellation stays one.
    /// </summary>
    private async Task<HttpResponseMessage> SendBoundedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = RequestPolicy.IsLongTransfer(request) ? Timeout.InfiniteTimeSpan : _options.RequestTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await SendInnerAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            return await SendInnerAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response within the request timeout ({timeout.TotalSeconds:0.#} s)", ex);
        }
    }

    /// <summary>
    /// One attempt. The body of a small GET (and of any other request safe to repeat) is read inside the
    /// attempt, so a body the connection cuts short is a fault this attempt can be retried for (and the
    /// per-attempt timeout covers it); long transfers stream and are never buffered.
    /// </summary>
    private async Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken token)
    {
        var response = await base.SendAsync(request, token).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && !RequestPolicy.IsLongTransfer(request)
            && (request.Method == HttpMethod.Get || (request.Method != HttpMethod.Head && RequestPolicy.IsSafeToRepeat(request))))
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    /// <summary>
    /// A 429 says the service refused the request before doing anything, so any request whose body can be
    /// sent again may be retried; every other fault may have happened after the service acted, so only
    /// requests safe to repeat are retried.
    /// </summary>
    internal static bool ShouldRetry(HttpRequestMessage request, HttpOutcome outcome, CancellationToken token)
    {
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return RequestPolicy.HasReplayableContent(request)
                    && !(request.Options.TryGetValue(RequestPolicy.Repeatable, out var r) && !r);
            }

            return RetryPolicy.IsTransient(response.StatusCode, request.Method) && RequestPolicy.IsSafeToRepeat(request);
        }

        return RetryPolicy.IsConnectionFault(outcome.Exception, token) && RequestPolicy.IsSafeToRepeat(request);
    }
}
