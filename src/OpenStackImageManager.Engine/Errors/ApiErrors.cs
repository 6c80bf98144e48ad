using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Errors;

/// <summary>Turns an error response into an <see cref="OpenStackApiException"/> with the service's own words.</summary>
internal static partial class ApiErrors
{
    private const int MaxMessageChars = 600;

    internal static async Task<OpenStackApiException> FromResponseAsync(
        string service,
        HttpResponseMessage response,
        IEnumerable<string?> secrets,
        CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = string.Empty;
        }

        var message = ServiceMessage(body);
        if (message is not null)
        {
            message = Redaction.RedactValues(Redaction.RedactBody(message), secrets);
        }

        var requestId = response.Headers.TryGetValues("X-Openstack-Request-Id", out var ids) ? ids.FirstOrDefault()
            : response.Headers.TryGetValues("X-Compute-Request-Id", out var computeIds) ? computeIds.FirstOrDefault() : null;
        var status = response.StatusCode;
        return Create(service, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?", status, message, requestId);
    }

    internal static OpenStackApiException Create(string service, string method, string path, HttpStatusCode status, string? message, string? requestId) =>
        new(OpenStackApiException.KindOf(status), service, method, path, status, message, requestId);

    /// <summary>
    /// The message out of Keystone's {"error":{"message"}}, Glance's {"message"} / webob text or HTML, or
    /// a nova-style {"badRequest":{"message"}}; whitespace collapsed, HTML tags removed, length bounded.
    /// </summary>
    internal static string? ServiceMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        // webob puts the status line ("413 Request Entity Too Large") in a title and heading, or on a
        // line of its own before the message; the status is in the error already.
        // Glance's JSON messages carry HTML too ("...Maximum: 128<br /><br />").
        var text = HtmlTag().Replace(FromJson(body) ?? HtmlHeading().Replace(StatusLine().Replace(body, string.Empty), " "), " ");
        text = Whitespace().Replace(WebUtility.HtmlDecode(text), " ").Trim();
        return text.Length > MaxMessageChars ? text[..MaxMessageChars] + "…" : text;
    }

    private static string? FromJson(string body)
    {
        var trimmed = body.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object
                    && property.Value.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String)
                {
                    return inner.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<(title|h1)>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlHeading();

    [GeneratedRegex(@"^\s*\d{3} [^\n]*\n\s*\n")]
    private static partial Regex StatusLine();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
