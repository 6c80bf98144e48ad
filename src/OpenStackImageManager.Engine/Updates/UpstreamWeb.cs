using System.Net;
using System.Net.Http.Headers;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Text reads of the update checks (listings, manifests, release JSON, endoflife.date) over the one
/// upstream stack (<see cref="UpstreamHttp"/>: fetch policy on every URL and redirect, retries, debug
/// log with masked secrets). Every URL goes through the rewrites of <see cref="UpdateOptions"/> first.
/// </summary>
internal sealed class UpstreamWeb : IDisposable
{
    private const long MaxTextBytes = 16 * 1024 * 1024;

    private readonly UpstreamHttp _http;
    private readonly UpdateOptions _options;

    public UpstreamWeb(UpdateOptions options)
    {
        _options = options;
        _http = new UpstreamHttp(options.Upstream, options.Http);
        Client = _http.Client;
    }

    /// <summary>The client, also for the verifying download through the transfer engine.</summary>
    public HttpClient Client { get; }

    /// <summary>How many requests were sent (GET and HEAD, not counting retries): the cost of a run.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>GETs a text file (listing, manifest, JSON). A status other than 200 is an <see cref="UpdateSourceException"/>.</summary>
    public async Task<UpstreamText> GetTextAsync(string url, IOperationLog log, CancellationToken cancellationToken)
    {
        var target = _options.Rewrite(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, target).WithLog(log);
        Authorize(request);
        using var response = await SendAsync(request, url, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxTextBytes)
        {
            throw new UpdateSourceException($"GET {Show(url)}: {response.Content.Headers.ContentLength:N0} bytes is not a listing or manifest.");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new UpstreamText(url, body, response.Content.Headers.ContentType?.MediaType, response.Content.Headers.LastModified);
    }

    /// <summary>The Last-Modified date of a file (HEAD), or null when the server sends none.</summary>
    public async Task<DateTimeOffset?> LastModifiedAsync(string url, IOperationLog log, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, _options.Rewrite(url)).WithLog(log);
        using var response = await SendAsync(request, url, cancellationToken).ConfigureAwait(false);
        return response.Content.Headers.LastModified;
    }

    /// <summary>Whether a URL answers a HEAD with 2xx (after redirects); any other answer or fault is false.</summary>
    public async Task<(bool Exists, string Answer)> ExistsAsync(string url, IOperationLog log, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, _options.Rewrite(url)).WithLog(log);
            Interlocked.Increment(ref _requests);
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (false, FetchRefusedException.Find(e)?.Message ?? e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string shownUrl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        HttpResponseMessage response;
        try
        {
            response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UpdateSourceException($"{request.Method} {Show(shownUrl)} failed: {FetchRefusedException.Find(e)?.Message ?? e.Message}", e);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = response.StatusCode;
            var reason = response.ReasonPhrase;
            response.Dispose();
            throw new UpdateSourceException($"{request.Method} {Show(shownUrl)} answered {(int)status} {reason}.")
            {
                IsMissing = status is HttpStatusCode.NotFound or HttpStatusCode.Gone,
            };
        }

        return response;
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (_options.GitHubToken is { Length: > 0 } token && request.RequestUri is { } uri
            && string.Equals(uri.Host, _options.GitHubApiUrl.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == _options.GitHubApiUrl.Port)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    internal static string Show(string url) => UpstreamSource.Show(url);
}

/// <summary>A text answer of an upstream server.</summary>
internal sealed record UpstreamText(string Url, string Body, string? MediaType, DateTimeOffset? LastModified)
{
    /// <summary>An HTML page where a manifest or JSON was expected: an error page behind a 200 (captive portals, CDNs).</summary>
    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml"
        || Body.TrimStart().StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
        || Body.TrimStart().StartsWith("<html", StringComparison.OrdinalIgnoreCase);
}
