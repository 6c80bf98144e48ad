using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// The HTTP stack of one cloud: resilience → debug log → wire handlers (tests) → socket handler with the
/// cloud's TLS settings, built once and shared by every client of the session. A session keeps its
/// clients for its whole life, so the socket handler's PooledConnectionLifetime is what lets it see DNS
/// changes; an IHttpClientFactory would add nothing but start-up time (a DI container, options and
/// logging assemblies, reflection).
/// </summary>
internal sealed class OpenStackHttp : IDisposable
{
    private readonly HttpMessageHandler _chain;

    public OpenStackHttp(HttpTransportOptions options)
    {
        Options = options;
        var primary = options.PrimaryHandler?.Invoke() ?? CreateSocketHandler(options);
        var handlers = new List<DelegatingHandler> { new ResilienceHandler(options), new DebugLogHandler() };
        handlers.AddRange(options.WireHandlers.Select(wire => wire()));
        _chain = Chain(handlers, primary);
    }

    public HttpTransportOptions Options { get; }

    /// <summary>
    /// A client whose outermost handler is <paramref name="outer"/> (e.g. the token handler) over the
    /// shared chain. Clients are cheap; disposing one never disposes the chain under it.
    /// </summary>
    public HttpClient CreateClient(DelegatingHandler? outer = null)
    {
        HttpMessageHandler handler = new SharedHandler(_chain);
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }

        var client = new HttpClient(handler, disposeHandler: true)
        {
            // Timeouts are per attempt in the resilience handler; a whole-request timeout would cut
            // long image transfers.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent.Value);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    public void Dispose() => _chain.Dispose();

    /// <summary><paramref name="handlers"/> in order, outermost first, over <paramref name="primary"/>.</summary>
    internal static HttpMessageHandler Chain(IReadOnlyList<DelegatingHandler> handlers, HttpMessageHandler primary)
    {
        var inner = primary;
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }

    private static SocketsHttpHandler CreateSocketHandler(HttpTransportOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        var tls = new SslClientAuthenticationOptions();
        if (!options.VerifyTls)
        {
            tls.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (options.CaCertFile is { } caFile)
        {
            var authority = LoadCertificates(caFile, "cacert");
            tls.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainst(authority, certificate, errors);
        }

        if (options.ClientCertFile is { } certFile)
        {
            try
            {
                var certificate = options.ClientKeyFile is { } keyFile
                    ? X509Certificate2.CreateFromPemFile(certFile, keyFile)
                    : X509Certificate2.CreateFromPemFile(certFile);
                tls.ClientCertificates = [certificate];
            }
            catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                throw new CloudConfigException($"the client certificate '{certFile}' (cert/key) cannot be read: {ex.Message}", ex);
            }
        }

        handler.SslOptions = tls;
        return handler;
    }

    private static X509Certificate2Collection LoadCertificates(string file, string setting)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(file);
            return collection;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new CloudConfigException($"the {setting} file '{file}' cannot be read as PEM certificates: {ex.Message}", ex);
        }
    }

    /// <summary>Accepts a server certificate that chains to the cloud's own CA bundle (clouds.yaml cacert).</summary>
    private static bool ValidateAgainst(X509Certificate2Collection authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
