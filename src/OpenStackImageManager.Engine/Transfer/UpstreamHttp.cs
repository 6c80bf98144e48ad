using System.Net;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The one HTTP client for upstream files and checksum manifests (not OpenStack): follows redirects
/// (GitHub releases redirect), never decompresses transparently (the bytes must stay the ones the
/// checksum was made over), no overall timeout (an image download takes as long as it takes;
/// <see cref="UpstreamOptions.ReadTimeout"/> catches a stalled one).
/// </summary>
internal static class UpstreamHttp
{
    private static readonly Lazy<HttpClient> s_client = new(Create);

    public static HttpClient Shared => s_client.Value;

    /// <summary>
    /// How long a small request (a HEAD, a checksum manifest) may take as a whole. The shared client has
    /// no timeout of its own, so every such call bounds itself with this.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    private static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            // Mirrors sit behind DNS round robin; a pooled connection must not pin one address forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Http.UserAgent.Value);
        return client;
    }
}
