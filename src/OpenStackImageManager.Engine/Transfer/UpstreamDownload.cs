using System.Net;
using System.Net.Http.Headers;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// A read-only stream over an upstream file that survives interruptions: when the body breaks off
/// (connection reset, early end, a read that stalls past the timeout) it asks again from the
/// current position with <c>Range</c> and <c>If-Range</c>, so a changed file is never spliced onto
/// the old one. Opening and resuming are retried by the engine's one <see cref="RetryPolicy"/>
/// (connection faults, 408, 429 with Retry-After, 500/502/503/504).
/// </summary>
internal sealed class UpstreamDownload : ReadOnlyStream
{
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly UpstreamOptions _options;
    private readonly IOperationLog _log;
    private readonly bool _acceptsRanges;
    private readonly RangeConditionHeaderValue? _validator;
    private HttpResponseMessage _response;
    private Stream _body;
    private long _position;
    private readonly System.Diagnostics.Stopwatch _clock;
    private long _stalledAt = -1;
    private int _stalls;

    private UpstreamDownload(HttpClient client, Uri url, UpstreamOptions options, IOperationLog log, HttpResponseMessage response, Stream body)
    {
        _client = client;
        _url = url;
        _options = options;
        _log = log;
        _response = response;
        _body = body;
        FileLength = response.Content.Headers.ContentLength;
        _acceptsRanges = response.Headers.AcceptRanges.Contains("bytes", StringComparer.OrdinalIgnoreCase);
        _validator = Validator(response);
        _clock = System.Diagnostics.Stopwatch.StartNew();
    }

    /// <summary>The whole file's length from Content-Length, when the server sent one.</summary>
    public long? FileLength { get; }

    /// <summary>How often the body was resumed after an interruption.</summary>
    public int Resumes { get; private set; }

    public static async Task<UpstreamDownload> OpenAsync(HttpClient client, Uri url, UpstreamOptions options, IOperationLog log, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var strategy = Retries(options, options.OpenAttempts, cancellationToken, (outcome, delay, retry) =>
            log.Verbose($"{Failure(url, outcome, options)}; trying again in {delay.TotalSeconds:0.#} s (attempt {retry + 1} of {options.OpenAttempts})."));
        var outcome = await RetryPolicy.ExecuteAsync(strategy, async (_, token) =>
        {
            attempts++;
            using var request = Streamed(new HttpRequestMessage(HttpMethod.Get, url).WithLog(log));
            return await SendBoundedAsync(client, request, options, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        if (outcome.Result is { StatusCode: HttpStatusCode.OK } response)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new UpstreamDownload(client, url, options, log, response, body);
        }

        if (FetchRefusedException.Find(outcome.Exception) is { } refused)
        {
            throw new UpstreamException(refused.Message, refused) { IsRefused = true };
        }

        var failure = Failure(url, outcome, options);
        var status = outcome.Result?.StatusCode;
        var retryable = outcome.Result is null || RetryPolicy.IsTransient(outcome.Result.StatusCode, HttpMethod.Get);
        outcome.Result?.Dispose();
        throw new UpstreamException(retryable ? $"{failure} (gave up after {attempts} attempts)." : failure + ".") { StatusCode = status };
    }

    protected override long ReadSoFar => _position;

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Exception interruption;
            // The wait for the next bytes ends at the idle timeout, or sooner when the overall bound comes first.
            var boundedByTotal = Remaining() is { } left && left < _options.ReadTimeout;
            try
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(boundedByTotal ? Remaining()!.Value : _options.ReadTimeout);
                var read = await _body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                if (read == 0 && buffer.Length > 0 && FileLength is { } length && _position < length)
                {
                    throw new IOException($"the connection ended after {_position} of {length} bytes");
                }

                _position += read;
                return read;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException e)
            {
                ThrowIfOverdue(e, boundedByTotal);
                interruption = new TimeoutException($"no data for {_options.ReadTimeout.TotalSeconds:0} s", e);
                ThrowIfStalledAgain(interruption);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                interruption = e;
            }

            ThrowIfOverdue(interruption);
            await ResumeAsync(interruption, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A server that stalls again at the same byte after being resumed is not going to deliver: the second
    /// stall without progress ends the download, so a dead upstream costs two idle timeouts, not one per
    /// resume attempt.
    /// </summary>
    private void ThrowIfStalledAgain(Exception stall)
    {
        _stalls = _stalledAt == _position ? _stalls + 1 : 1;
        _stalledAt = _position;
        if (_stalls >= 2)
        {
            throw new UpstreamException(
                $"Download of {SafeUrl.Show(_url)} stalled twice at byte {_position} (no data for {_options.ReadTimeout.TotalSeconds:0} s each time); giving up.", stall);
        }
    }

    /// <summary>What is left of <see cref="UpstreamOptions.TransferTimeout"/>; null without one.</summary>
    private TimeSpan? Remaining() =>
        _options.TransferTimeout is { } bound ? (bound - _clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero) : null;

    /// <summary>The whole file took longer than <see cref="UpstreamOptions.TransferTimeout"/>: no resume, an error naming the URL.</summary>
    private void ThrowIfOverdue(Exception cause, bool expired = false)
    {
        if (expired || Remaining() is { } left && left <= TimeSpan.Zero)
        {
            throw new UpstreamException(
                $"Download of {SafeUrl.Show(_url)} did not finish within the upstream timeout ({_options.TransferTimeout!.Value.TotalSeconds:0} s; {_position} bytes read).", cause);
        }
    }

    /// <summary>
    /// Asks for the rest from the current position. The first ask waits <see cref="UpstreamOptions.FirstDelay"/>,
    /// so a server that keeps cutting the body off is not hammered; further asks are the retry policy's.
    /// </summary>
    private async Task ResumeAsync(Exception interruption, CancellationToken cancellationToken)
    {
        var what = $"Download of {SafeUrl.Show(_url)} was interrupted at byte {_position} ({interruption.Message})";
        if (!_acceptsRanges)
        {
            throw new UpstreamException(what + "; the server does not offer range requests, so it cannot be resumed.", interruption);
        }

        _log.Verbose($"{what}; resuming in {_options.FirstDelay.TotalSeconds:0.#} s.");
        await Task.Delay(_options.FirstDelay, cancellationToken).ConfigureAwait(false);
        var strategy = Retries(_options, _options.ResumeAttempts, cancellationToken, (outcome, delay, retry) =>
            _log.Verbose($"Resuming {SafeUrl.Show(_url)} failed ({RetryPolicy.Describe(outcome)}); trying again in {delay.TotalSeconds:0.#} s (attempt {retry + 1} of {_options.ResumeAttempts})."));
        var outcome = await RetryPolicy.ExecuteAsync(strategy, async (_, token) =>
        {
            using var request = Streamed(new HttpRequestMessage(HttpMethod.Get, _url).WithLog(_log));
            request.Headers.Range = new RangeHeaderValue(_position, null);
            if (_validator is not null)
            {
                request.Headers.IfRange = _validator;
            }

            return await SendBoundedAsync(_client, request, _options, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var response = outcome.Result;
        if (response is { StatusCode: HttpStatusCode.PartialContent } && response.Content.Headers.ContentRange?.From == _position)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            SwapBody(response, body);
            Resumes++;
            return;
        }

        using (response)
        {
            if (response is { StatusCode: HttpStatusCode.OK })
            {
                throw new UpstreamException(what + "; the server sent the whole file again instead of the rest (it changed, or ignores ranges), so it cannot be resumed.", interruption);
            }

            if (response is not null && !RetryPolicy.IsTransient(response.StatusCode, HttpMethod.Get))
            {
                throw new UpstreamException($"{what}; resuming answered {(int)response.StatusCode} {response.ReasonPhrase}.", interruption);
            }
        }

        throw new UpstreamException($"{what}; gave up after {_options.ResumeAttempts} attempts to resume.", interruption);
    }

    /// <summary>
    /// Sends for headers only, waiting at most <see cref="UpstreamOptions.ReadTimeout"/> for them: the
    /// upstream client has no overall timeout (a download takes as long as it takes), so without
    /// this a server that accepts the connection and never answers would hold the run forever. Expiry
    /// surfaces as an OperationCanceledException while the caller's token is not cancelled.
    /// </summary>
    /// <summary>
    /// An image body streams and is never buffered or cut off by a per-request timeout, whichever client
    /// sends it; its retries and resume are this type's own, so a client's resilience handler leaves it alone.
    /// </summary>
    private static HttpRequestMessage Streamed(HttpRequestMessage request)
    {
        request.Options.Set(RequestPolicy.LongTransfer, true);
        request.Options.Set(RequestPolicy.Repeatable, false);
        return request;
    }

    internal static async Task<HttpResponseMessage> SendBoundedAsync(HttpClient client, HttpRequestMessage request, UpstreamOptions options, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(options.ReadTimeout);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="attempts"/> attempts of the one retry policy for upstream GETs: every transient
    /// answer and connection fault, never the caller's cancellation.
    /// </summary>
    private static RetryStrategy Retries(
        UpstreamOptions options, int attempts, CancellationToken cancellationToken, Action<HttpOutcome, TimeSpan, int> onRetry) =>
        new(
            Math.Max(0, attempts - 1),
            options.FirstDelay,
            options.MaxDelay,
            outcome => outcome.Result is { } response
                ? RetryPolicy.IsTransient(response.StatusCode, HttpMethod.Get)
                : RetryPolicy.IsConnectionFault(outcome.Exception, cancellationToken),
            onRetry);

    private static string Failure(Uri url, HttpOutcome outcome, UpstreamOptions options) => outcome switch
    {
        { Result: { } response } => $"GET {SafeUrl.Show(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}",
        { Exception: OperationCanceledException } => $"GET {SafeUrl.Show(url)} timed out (no response within {options.ReadTimeout.TotalSeconds:0} s)",
        { Exception: { } fault } => $"GET {SafeUrl.Show(url)} failed: {fault.Message}",
        _ => $"GET {SafeUrl.Show(url)} failed",
    };

    private void SwapBody(HttpResponseMessage response, Stream body)
    {
        _body.Dispose();
        _response.Dispose();
        _response = response;
        _body = body;
    }

    private static RangeConditionHeaderValue? Validator(HttpResponseMessage response)
    {
        // Only a strong ETag or a Last-Modified date may guard a range (RFC 9110 13.1.5).
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            return new RangeConditionHeaderValue(etag);
        }

        return response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified) : null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }
}
