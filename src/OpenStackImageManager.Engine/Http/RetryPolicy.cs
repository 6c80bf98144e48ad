using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// The one retry policy of the engine, for Keystone, Glance and upstream downloads alike: which
/// answers and faults a retry may follow, the one Retry-After parser, and the Polly retry strategy
/// (exponential backoff with jitter, Retry-After honoured up to the longest wait).
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
        !callerToken.IsCancellationRequested && fault is TimeoutRejectedException or HttpRequestException or IOException
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
    /// The retry strategy: up to <paramref name="retries"/> retries when <paramref name="shouldRetry"/>
    /// says so. A discarded answer is disposed before <paramref name="onRetry"/> hears of it (with the
    /// delay and the 1-based number of the retry about to happen).
    /// </summary>
    internal static RetryStrategyOptions<HttpResponseMessage> Strategy(
        int retries,
        TimeSpan firstDelay,
        TimeSpan maxDelay,
        Func<Outcome<HttpResponseMessage>, ResilienceContext, bool> shouldRetry,
        Action<Outcome<HttpResponseMessage>, ResilienceContext, TimeSpan, int> onRetry) => new()
    {
        MaxRetryAttempts = retries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = firstDelay,
        MaxDelay = maxDelay,
        ShouldHandle = args => ValueTask.FromResult(shouldRetry(args.Outcome, args.Context)),
        DelayGenerator = args =>
        {
            var wait = RetryAfter(args.Outcome.Result, DateTimeOffset.UtcNow);
            return ValueTask.FromResult(wait is { } w ? (TimeSpan?)(w > maxDelay ? maxDelay : w) : null);
        },
        OnRetry = args =>
        {
            onRetry(args.Outcome, args.Context, args.RetryDelay, args.AttemptNumber + 1);
            args.Outcome.Result?.Dispose();
            return default;
        },
    };

    /// <summary>A pipeline of the retry strategy alone, for callers that bound each attempt themselves.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> Pipeline(RetryStrategyOptions<HttpResponseMessage> strategy) =>
        strategy.MaxRetryAttempts > 0
            ? new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(strategy).Build()
            : ResiliencePipeline<HttpResponseMessage>.Empty;

    /// <summary>
    /// Runs <paramref name="send"/> under <paramref name="pipeline"/> and returns the last outcome: the
    /// answer (any status) or the fault once retries are spent. The caller's cancellation is thrown.
    /// </summary>
    internal static async Task<Outcome<HttpResponseMessage>> ExecuteAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, send) =>
                {
                    try
                    {
                        return Outcome.FromResult(await send(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                send).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                outcome.Result?.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return outcome;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Why an attempt failed, for the log: the status or the fault's type.</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.GetType().Name ?? "?";
}
