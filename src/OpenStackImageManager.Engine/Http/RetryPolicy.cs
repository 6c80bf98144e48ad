using System.Net;
using System.Net.Sockets;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// The one retry policy of the engine, for Keystone, Glance and upstream downloads alike: which
/// answers and faults a retry may follow, the one Retry-After parser, and the retry loop (exponential
/// backoff with jitter, Retry-After honoured up to the longest wait). A plain loop rather than a
/// resilience library: it is all the engine needs, and it costs nothing at start-up (no option
/// validation by reflection, no generic pipeline to compile).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>
    /// Answers that say "try again": 429 (the service refused before acting), 502/503/504 (a gateway or
    /// an overloaded service) for any request safe to repeat, and 500/408 for reads only, which a
    /// repeat cannot make worse.
    /// </summary>
    internal static bool IsTransient(HttpStatusCode status, HttpMethod method) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || (IsRead(method) && status is HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout);

    internal static bool IsRead(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

    /// <summary>
    /// A fault of the connection or the wait, not of the caller: a reset, a broken or truncated body, an
    /// attempt that ran out of time. The caller's own cancellation is never one, nor a refusal of the
    /// fetch policy (the same request would be refused again).
    /// </summary>
    internal static bool IsConnectionFault(Exception? fault, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && fault is HttpRequestException or IOException
            or SocketException or TimeoutException or OperationCanceledException
        && Transfer.FetchRefusedException.Find(fault) is null;

    /// <summary>The wait a Retry-After header asks for, if any (delta seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? (date - now < TimeSpan.Zero ? TimeSpan.Zero : date - now) : null;
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): <paramref name="firstDelay"/>
    /// doubled per retry, spread by ±50 % so clients that failed together do not retry together, and
    /// never longer than <paramref name="maxDelay"/>.
    /// </summary>
    internal static TimeSpan Backoff(int retry, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        var exponential = firstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return jittered >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>
    /// Runs <paramref name="send"/> (given the 1-based attempt number) under <paramref name="strategy"/>
    /// and returns the last outcome: the answer (any status) or the fault once retries are spent or not
    /// wanted. The caller's cancellation is thrown, during an attempt or a wait.
    /// </summary>
    internal static async Task<HttpOutcome> ExecuteAsync(
        RetryStrategy strategy, Func<int, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HttpOutcome outcome;
            try
            {
                outcome = HttpOutcome.FromResult(await send(attempt, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                outcome = HttpOutcome.FromException(e);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                outcome.Result?.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (attempt > strategy.MaxRetries || !strategy.ShouldRetry(outcome))
            {
                return outcome;
            }

            var asked = RetryAfter(outcome.Result, DateTimeOffset.UtcNow);
            var delay = asked is { } wait
                ? (wait > strategy.MaxDelay ? strategy.MaxDelay : wait)
                : Backoff(attempt, strategy.FirstDelay, strategy.MaxDelay);
            strategy.OnRetry(outcome, delay, attempt);
            outcome.Result?.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why an attempt failed, for the log: the status or the fault's type.</summary>
    internal static string Describe(HttpOutcome outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.GetType().Name ?? "?";
}
