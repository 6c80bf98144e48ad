namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The client for image sources and checksum files (not OpenStack): follows redirects (GitHub
/// releases redirect), no overall timeout (images are large), a connect timeout instead.
/// </summary>
internal static class UpstreamHttp
{
    private static readonly Lazy<HttpClient> s_client = new(() =>
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Http.UserAgent.Value);
        return client;
    });

    public static HttpClient Client => s_client.Value;
}
