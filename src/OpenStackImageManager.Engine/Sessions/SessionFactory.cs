using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Identity;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>Builds a connected <see cref="CloudSession"/>: HTTP stack, first token, image endpoint.</summary>
internal static class SessionFactory
{
    /// <summary>Transport settings from the cloud's TLS keys; <paramref name="tune"/> lets tests add handlers or shorten waits.</summary>
    internal static HttpTransportOptions TransportFor(CloudConfig cloud, Func<HttpTransportOptions, HttpTransportOptions>? tune = null)
    {
        var options = new HttpTransportOptions
        {
            VerifyTls = cloud.Verify,
            CaCertFile = cloud.CaCert,
            ClientCertFile = cloud.Cert,
            ClientKeyFile = cloud.Key,
        };
        return tune is null ? options : tune(options);
    }

    internal static Task<CloudSession> ConnectAsync(CloudConfig cloud, HttpTransportOptions transport, CancellationToken cancellationToken) =>
        ConnectAsync(cloud, transport, NullOperationLog.Instance, cancellationToken);

    internal static async Task<CloudSession> ConnectAsync(CloudConfig cloud, HttpTransportOptions transport, IOperationLog log, CancellationToken cancellationToken)
    {
        var http = new OpenStackHttp(transport);
        try
        {
            // The authenticator uses the same stack without the token handler (its requests are anonymous).
            var anonymous = http.CreateClient();
            var authenticator = new KeystoneAuthenticator(anonymous, cloud);
            var tokens = new TokenManager(authenticator.AuthenticateAsync);
            var client = http.CreateClient(new TokenHandler(tokens));
            var session = new CloudSession(cloud, http, client, authenticator, tokens);
            var token = await tokens.GetAsync(log, cancellationToken).ConfigureAwait(false);
            var endpoint = cloud.ImageEndpointOverride ?? ServiceCatalog.FindEndpoint(token.Catalog, "image", cloud);
            // No version discovery up front: an unversioned endpoint is assumed to serve v2 below it, and
            // the check runs only if Glance's first answers put that in doubt.
            var baseUrl = GlanceDiscovery.BaseUrl(endpoint);
            var apiCheck = GlanceDiscovery.HasVersion(endpoint) ? null : new GlanceApiCheck(GlanceDiscovery.Root(endpoint), cloud.Origin);
            session.Glance = new GlanceClient(client, baseUrl, cloud.Name, () => cloud.Secrets.Append(tokens.Current?.Value), apiCheck: apiCheck);
            log.Verbose(
                $"Connected to {cloud.Origin} as {token.UserName ?? token.UserId} in project {token.ProjectName ?? token.ProjectId ?? token.DomainId}; images at {baseUrl}.");
            return session;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}
