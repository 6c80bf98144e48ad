using System.Net;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// Checks every upstream request against the <see cref="FetchPolicy"/> and follows redirects itself (the
/// socket handler follows none), so each hop is checked the same way: at most
/// <see cref="MaxRedirects"/> hops, no URL twice (a loop), never to a scheme other than http/https (a
/// redirect to <c>file:</c> is refused with its URL, not a UriFormatException). Credentials
/// (Authorization, Cookie) are not carried to another origin. The final answer, whatever its status,
/// goes back to the caller.
/// </summary>
internal sealed class PolicyRedirectHandler(FetchPolicy policy) : DelegatingHandler
{
    public const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("the request has no URL");
        policy.CheckUrl(url);
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = request;
        try
        {
            for (var hop = 0; ; hop++)
            {
                var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
                if (!IsRedirect(response.StatusCode))
                {
                    return response;
                }

                var from = current.RequestUri!;
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    throw new FetchRefusedException($"{SafeUrl.Show(from)} redirected ({(int)response.StatusCode}) without a usable Location.");
                }

                var target = location.IsAbsoluteUri ? location : new Uri(from, location);
                var shown = target.IsAbsoluteUri && !target.IsFile ? SafeUrl.Show(target) : target.OriginalString;
                if (hop + 1 > MaxRedirects)
                {
                    throw new FetchRefusedException($"{SafeUrl.Show(url)} is refused: more than {MaxRedirects} redirects (the last to {shown}).");
                }

                if (!visited.Add(target.AbsoluteUri))
                {
                    throw new FetchRefusedException($"{SafeUrl.Show(url)} is refused: its redirects loop back to {shown}.");
                }

                policy.CheckUrl(target, $"the redirect from {SafeUrl.Show(from)} to {shown}");
                var next = Follow(current, target, response.StatusCode);
                if (!ReferenceEquals(current, request))
                {
                    current.Dispose();
                }

                current = next;
            }
        }
        finally
        {
            if (!ReferenceEquals(current, request))
            {
                // The follow-up request's options (the log) stay readable through the original one.
                current.Dispose();
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The request for the next hop: GET stays GET, HEAD stays HEAD; headers and options carried over, credentials only to the same origin.</summary>
    private static HttpRequestMessage Follow(HttpRequestMessage previous, Uri target, HttpStatusCode status)
    {
        var method = status == HttpStatusCode.SeeOther && previous.Method != HttpMethod.Head ? HttpMethod.Get : previous.Method;
        var next = new HttpRequestMessage(method, target) { Version = previous.Version, VersionPolicy = previous.VersionPolicy };
        var sameOrigin = Uri.Compare(previous.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in previous.Headers)
        {
            if (!sameOrigin && (header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            next.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in previous.Options)
        {
            ((IDictionary<string, object?>)next.Options)[option.Key] = option.Value;
        }

        return next;
    }
}
