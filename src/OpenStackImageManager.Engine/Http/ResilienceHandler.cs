using System.Net;
using System.Net.Sockets;
using OpenStackImageManager.Engine.Hosting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// Retries what is safe to retry and bounds each attempt in time, with a Polly 8 pipeline: exponential
/// backoff with jitter on 429/502/503/504, per-attempt timeouts and connection faults; Retry-After is
/// honoured. The per-attempt timeout covers the wait for response headers only: bodies are read with
/// ResponseHeadersRead after this handler returns, so a long download is never cut off.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> s_requestKey = new("oim.request");
    private static readonly ResiliencePropertyKey<int> s_attemptKey = new("oim.attempt");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ResilienceHandler(HttpTransportOptions options)
    {
        _pipeline = Build(options);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_requestKey, request);
        context.Properties.Set(s_attemptKey, 0);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var attempt = ctx.Properties.GetValue(s_attemptKey, 0) + 1;
                    ctx.Properties.Set(s_attemptKey, attempt);
                    state.request.Options.Set(RequestPolicy.Attempts, attempt);
                    return await state.self.SendInnerAsync(state.request, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (self: this, request)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"no response within the request timeout ({ex.Timeout.TotalSeconds:0.#} s)", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken token) =>
        base.SendAsync(request, token);

    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// A 429 says the service refused the request before doing anything, so any request whose body can be
    /// sent again may be retried; every other fault may have happened after the service acted, so only
    /// requests safe to repeat are retried.
    /// </summary>
    internal static bool ShouldRetry(HttpRequestMessage request, Outcome<HttpResponseMessage> outcome, CancellationToken token)
    {
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return RequestPolicy.HasReplayableContent(request)
                    && !(request.Options.TryGetValue(RequestPolicy.Repeatable, out var r) && !r);
            }

            return IsTransientStatus(response.StatusCode) && RequestPolicy.IsSafeToRepeat(request);
        }

        var fault = outcome.Exception switch
        {
            TimeoutRejectedException => true,
            HttpRequestException => true,
            IOException or SocketException => true,
            _ => false,
        };
        return fault && !token.IsCancellationRequested && RequestPolicy.IsSafeToRepeat(request);
    }

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

    private static ResiliencePipeline<HttpResponseMessage> Build(HttpTransportOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(args.Context.Properties.GetValue(s_requestKey, null!), args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args =>
                {
                    var wait = RetryAfter(args.Outcome.Result, DateTimeOffset.UtcNow);
                    return ValueTask.FromResult(wait is { } w ? (TimeSpan?)(w > options.RetryMaxDelay ? options.RetryMaxDelay : w) : null);
                },
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(s_requestKey, null!);
                    var why = args.Outcome.Result is { } r ? $"{(int)r.StatusCode} {r.StatusCode}" : args.Outcome.Exception?.GetType().Name;
                    OperationContext.Log.Verbose(
                        $"Retrying {request.Method} {request.RequestUri?.AbsolutePath} in {args.RetryDelay.TotalSeconds:0.##} s after {why} (retry {args.AttemptNumber + 1} of {options.MaxRetries}).");
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var request = args.Context.Properties.GetValue(s_requestKey, null!);
                return ValueTask.FromResult(RequestPolicy.IsLongTransfer(request) ? Timeout.InfiniteTimeSpan : options.RequestTimeout);
            },
        });
        return builder.Build();
    }
}
