using System.Net;
using System.Net.Http.Headers;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// A read-only stream over an upstream file that survives interruptions: when the body breaks off
/// (connection reset, early end, a read that stalls past the timeout) it asks again from the
/// current position with <c>Range</c> and <c>If-Range</c>, so a changed file is never spliced onto
/// the old one. Opening retries connection faults, 408, 429 (honouring Retry-After) and 5xx.
/// </summary>
internal sealed class UpstreamDownload : ReadOnlyStream
{
    private static readonly HashSet<HttpStatusCode> s_retryable =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly UpstreamOptions _options;
    private readonly IOperationLog _log;
    private readonly bool _acceptsRanges;
    private readonly RangeConditionHeaderValue? _validator;
    private HttpResponseMessage _response;
    private Stream _body;
    private long _position;

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
    }

    /// <summary>The whole file's length from Content-Length, when the server sent one.</summary>
    public long? FileLength { get; }

    /// <summary>How often the body was resumed after an interruption.</summary>
    public int Resumes { get; private set; }

    public static async Task<UpstreamDownload> OpenAsync(HttpClient client, Uri url, UpstreamOptions options, IOperationLog log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            TimeSpan? retryAfter = null;
            HttpStatusCode? status = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                response = await SendBoundedAsync(client, request, options, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    return new UpstreamDownload(client, url, options, log, response, body);
                }

                failure = $"GET {SafeUrl.Show(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}";
                status = response.StatusCode;
                if (!s_retryable.Contains(response.StatusCode))
                {
                    throw new UpstreamException(failure + ".") { StatusCode = status };
                }

                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e)
            {
                failure = $"GET {SafeUrl.Show(url)} failed: {e.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"GET {SafeUrl.Show(url)} timed out (no response within {options.ReadTimeout.TotalSeconds:0} s)";
            }
            finally
            {
                if (response is { IsSuccessStatusCode: false })
                {
                    response.Dispose();
                }
            }

            if (attempt >= options.OpenAttempts)
            {
                throw new UpstreamException($"{failure} (gave up after {attempt} attempts).") { StatusCode = status };
            }

            var delay = options.Delay(attempt, retryAfter);
            log.Verbose($"{failure}; trying again in {delay.TotalSeconds:0.#} s (attempt {attempt + 1} of {options.OpenAttempts}).");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override long ReadSoFar => _position;

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Exception interruption;
            try
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(_options.ReadTimeout);
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
                interruption = new TimeoutException($"no data for {_options.ReadTimeout.TotalSeconds:0} s", e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                interruption = e;
            }

            await ResumeAsync(interruption, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResumeAsync(Exception interruption, CancellationToken cancellationToken)
    {
        var what = $"Download of {SafeUrl.Show(_url)} was interrupted at byte {_position} ({interruption.Message})";
        if (!_acceptsRanges)
        {
            throw new UpstreamException(what + "; the server does not offer range requests, so it cannot be resumed.", interruption);
        }

        for (var attempt = 1; attempt <= _options.ResumeAttempts; attempt++)
        {
            var delay = _options.Delay(attempt);
            _log.Verbose($"{what}; resuming in {delay.TotalSeconds:0.#} s (attempt {attempt} of {_options.ResumeAttempts}).");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _url);
                request.Headers.Range = new RangeHeaderValue(_position, null);
                if (_validator is not null)
                {
                    request.Headers.IfRange = _validator;
                }

                response = await SendBoundedAsync(_client, request, _options, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == _position)
                {
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    SwapBody(response, body);
                    response = null;
                    Resumes++;
                    return;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    throw new UpstreamException(what + "; the server sent the whole file again instead of the rest (it changed, or ignores ranges), so it cannot be resumed.", interruption);
                }

                if (!s_retryable.Contains(response.StatusCode))
                {
                    throw new UpstreamException($"{what}; resuming answered {(int)response.StatusCode} {response.ReasonPhrase}.", interruption);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                _log.Verbose($"Resuming {SafeUrl.Show(_url)} failed: {e.Message}");
            }
            finally
            {
                response?.Dispose();
            }
        }

        throw new UpstreamException($"{what}; gave up after {_options.ResumeAttempts} attempts to resume.", interruption);
    }

    /// <summary>
    /// Sends for headers only, waiting at most <see cref="UpstreamOptions.ReadTimeout"/> for them: the
    /// shared upstream client has no overall timeout (a download takes as long as it takes), so without
    /// this a server that accepts the connection and never answers would hold the run forever. Expiry
    /// surfaces as an OperationCanceledException while the caller's token is not cancelled.
    /// </summary>
    internal static async Task<HttpResponseMessage> SendBoundedAsync(HttpClient client, HttpRequestMessage request, UpstreamOptions options, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(options.ReadTimeout);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
    }

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

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

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
