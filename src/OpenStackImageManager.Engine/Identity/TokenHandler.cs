using System.Net;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Identity;

/// <summary>
/// Adds X-Auth-Token to every request and, when a service answers 401, renews the token and sends the
/// request once more (only when its body can be sent again). A second 401 is returned as it is.
/// </summary>
internal sealed class TokenHandler : DelegatingHandler
{
    private const string TokenHeader = "X-Auth-Token";
    private readonly TokenManager _tokens;

    public TokenHandler(TokenManager tokens)
    {
        _tokens = tokens;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(RequestPolicy.Anonymous, out var anonymous) && anonymous)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // A renewal is part of the request that needed it, so it logs where that request logs.
        var log = RequestPolicy.LogOf(request);
        var token = await _tokens.GetAsync(log, cancellationToken).ConfigureAwait(false);
        SetToken(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !RequestPolicy.HasReplayableContent(request))
        {
            return response;
        }

        response.Dispose();
        var renewed = await _tokens.RenewAfterRefusalAsync(token, log, cancellationToken).ConfigureAwait(false);
        SetToken(request, renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void SetToken(HttpRequestMessage request, KeystoneToken token)
    {
        request.Headers.Remove(TokenHeader);
        request.Headers.TryAddWithoutValidation(TokenHeader, token.Value);
    }
}
