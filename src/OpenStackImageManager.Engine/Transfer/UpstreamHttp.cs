using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The HTTP client for upstream files and checksum manifests (not OpenStack), owned by the run that
/// downloads (a plan, an apply, a mirror batch) and disposed with it; its handlers are pooled by
/// IHttpClientFactory, so nothing of it outlives its owner. It follows redirects (GitHub releases
/// redirect), never decompresses transparently (the bytes must stay the ones the checksum was made
/// over) and has no overall timeout (an image download takes as long as it takes;
/// <see cref="UpstreamOptions.ReadTimeout"/> catches a stalled one).
/// </summary>
internal sealed class UpstreamHttp : IDisposable
{
    private const string ClientName = "upstream-files";

    /// <summary>
    /// How long a small request (a HEAD, a checksum manifest) may take as a whole. The client has no
    /// timeout of its own, so every such call bounds itself with this.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _services;

    public UpstreamHttp()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 10,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(30),
                // Mirrors sit behind DNS round robin; a pooled connection must not pin one address forever.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
        Client.Timeout = Timeout.InfiniteTimeSpan;
        Client.DefaultRequestHeaders.UserAgent.ParseAdd(Http.UserAgent.Value);
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
