using System.Net;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// The HTTP client for upstream files: follows redirects, never decompresses transparently (the
/// bytes must stay the ones the checksum was made over), no overall timeout (an image download
/// takes as long as it takes; <see cref="UpstreamOptions.ReadTimeout"/> catches a stalled one).
/// </summary>
internal static class UpstreamHttp
{
    private static readonly Lazy<HttpClient> s_client = new(Create);

    public static HttpClient Shared => s_client.Value;

    private static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("OpenStackImageManager-Mirror/1.0");
        return client;
    }
}
