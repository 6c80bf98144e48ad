using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// Writes each attempt (method, URL, status, time, request id) to the debug stream, with secret headers
/// and secret JSON fields masked. Small JSON request bodies are shown because they are what an operator
/// needs to see when a PATCH is refused; streams and large bodies are never read here.
/// </summary>
internal sealed class DebugLogHandler : DelegatingHandler
{
    private const int MaxBodyChars = 4096;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var log = RequestPolicy.LogOf(request);
        var text = new StringBuilder();
        text.Append("HTTP ").Append(request.Method).Append(' ').Append(Redaction.RedactUrls(request.RequestUri?.ToString() ?? string.Empty));
        AppendHeaders(text, request.Headers);
        if (request.Content is ByteArrayContent content)
        {
            AppendHeaders(text, content.Headers);
            var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length <= MaxBodyChars)
            {
                text.Append(Environment.NewLine).Append("  body: ").Append(Redaction.RedactBody(body));
            }
        }

        log.Debug(text.ToString());
        var clock = Stopwatch.StartNew();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = new StringBuilder();
        answer.Append("HTTP ").Append((int)response.StatusCode).Append(' ').Append(response.StatusCode)
            .Append(" for ").Append(request.Method).Append(' ').Append(request.RequestUri?.AbsolutePath)
            .Append(" in ").Append(clock.ElapsedMilliseconds).Append(" ms");
        AppendHeaders(answer, response.Headers);
        log.Debug(answer.ToString());
        return response;
    }

    private static void AppendHeaders(StringBuilder text, HttpHeaders headers)
    {
        foreach (var header in headers)
        {
            var value = Redaction.IsSecretHeader(header.Key) ? Redaction.Mask : string.Join(", ", header.Value);
            text.Append(Environment.NewLine).Append("  ").Append(header.Key).Append(": ").Append(value);
        }
    }
}
