using System.Net;
using System.Net.Sockets;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The one HTTP stack for everything the tool reads upstream (image files, checksum manifests, listings,
/// release JSON, endoflife.date; not OpenStack), owned by the run that reads (a plan, an apply, a mirror
/// batch, an update check) and disposed with it; one client over one handler chain, built directly (an
/// IHttpClientFactory would only add start-up time):
/// fetch policy and redirects (<see cref="PolicyRedirectHandler"/>) → the engine's retry policy
/// (<see cref="ResilienceHandler"/>: 500/502/503/504/429, resets and cut-off bodies of small GETs; image
/// bodies retry and resume in <see cref="UpstreamDownload"/>) → debug log → socket handler that follows no
/// redirect itself and checks every address it connects to (<see cref="FetchPolicy.ResolveAsync"/>), so
/// no name can be made to point at the metadata service. It never decompresses (the bytes must stay the
/// ones the checksum was made over) and has no overall timeout: small requests are bounded by the
/// per-attempt timeout, image bodies by <see cref="UpstreamOptions.ReadTimeout"/> and
/// <see cref="UpstreamOptions.TransferTimeout"/>.
/// </summary>
internal sealed class UpstreamHttp : IDisposable
{
    /// <summary>How long a small request (a HEAD, a checksum manifest) may take as a whole, per attempt.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    public UpstreamHttp()
        : this(new UpstreamOptions())
    {
    }

    /// <summary>The stack of <paramref name="options"/>: its policy, and small requests bounded by its idle timeout per attempt.</summary>
    public UpstreamHttp(UpstreamOptions options, HttpTransportOptions? transport = null)
        : this(FetchPolicy.For(options), transport ?? new HttpTransportOptions { RequestTimeout = options.ReadTimeout, MaxRetries = 3 })
    {
    }

    /// <param name="policy">What may be read.</param>
    /// <param name="transport">Retries and per-attempt timeout of the small requests; a test's primary handler replaces the socket handler (the policy's URL and redirect checks still apply).</param>
    public UpstreamHttp(FetchPolicy policy, HttpTransportOptions? transport = null)
    {
        Policy = policy;
        var settings = transport ?? new HttpTransportOptions { RequestTimeout = ProbeTimeout, MaxRetries = 3 };
        var chain = OpenStackHttp.Chain(
            [new PolicyRedirectHandler(policy), new ResilienceHandler(settings), new DebugLogHandler()],
            settings.PrimaryHandler?.Invoke() ?? CreateSocketHandler(policy));
        Client = new HttpClient(chain, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent.Value);
    }

    public FetchPolicy Policy { get; }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private static SocketsHttpHandler CreateSocketHandler(FetchPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // Mirrors sit behind DNS round robin; a pooled connection must not pin one address forever.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, token) => ConnectAsync(policy, context, token),
    };

    /// <summary>
    /// Connects only to addresses the policy allows, resolved here, once, so the address checked is the
    /// address used. A connection to a configured proxy (its host is not the request's) is the user's
    /// own choice and is not checked; the proxy resolves the names behind it.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(FetchPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var viaProxy = context.InitialRequestMessage.RequestUri is { } uri && !string.Equals(uri.IdnHost.Trim('[', ']'), endpoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
        IPAddress[] addresses = viaProxy
            ? await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false)
            : await policy.ResolveAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
