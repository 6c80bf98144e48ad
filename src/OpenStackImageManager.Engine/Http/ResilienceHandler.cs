using System.Net;
using Polly;
using Polly.Timeout;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// Retries what is safe to retry and bounds each attempt in time, with a Polly 8 pipeline of the one
/// <see cref="RetryPolicy"/>: exponential backoff with jitter on 429/502/503/504 (and 500/408 for
/// reads), per-attempt timeouts, connection faults and truncated bodies; Retry-After is honoured. The
/// per-attempt timeout covers the headers and, for small GETs, the body; long transfers are exempt and
/// their bodies are read after this handler returns, so a long download is never cut off.
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
    internal static bool ShouldRetry(HttpRequestMessage request, Outcome<HttpResponseMessage> outcome, CancellationToken token)
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

    private static ResiliencePipeline<HttpResponseMessage> Build(HttpTransportOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(RetryPolicy.Strategy(
                options.MaxRetries,
                options.RetryBaseDelay,
                options.RetryMaxDelay,
                (outcome, context) => ShouldRetry(context.Properties.GetValue(s_requestKey, null!), outcome, context.CancellationToken),
                (outcome, context, delay, retry) =>
                {
                    var request = context.Properties.GetValue(s_requestKey, null!);
                    RequestPolicy.LogOf(request).Verbose(
                        $"Retrying {request.Method} {request.RequestUri?.AbsolutePath} in {delay.TotalSeconds:0.##} s after {RetryPolicy.Describe(outcome)} (retry {retry} of {options.MaxRetries}).");
                }));
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
