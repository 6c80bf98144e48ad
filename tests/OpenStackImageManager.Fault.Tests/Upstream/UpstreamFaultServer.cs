using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OpenStackImageManager.Fault.Tests.Upstream;

/// <summary>
/// The upstream sites of a catalog, on 127.0.0.1: serves registered image files under
/// <c>/&lt;fault&gt;/&lt;file&gt;</c> and answers as that <see cref="UpstreamFault"/> says, until
/// <see cref="Healthy"/> makes every path serve the right bytes (the clean rerun). A canary on 127.0.0.2
/// serves the same files and counts requests: a redirect to an internal address must never be followed.
/// </summary>
public sealed class UpstreamFaultServer : IDisposable
{
    private const long Terabyte = 1L << 40;

    private readonly HttpListener _listener = new();
    private readonly HttpListener _canary = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly Task _canaryLoop;
    private int _canaryHits;

    public UpstreamFaultServer(string fileDirectory)
    {
        FileDirectory = fileDirectory;
        var port = FreePort(IPAddress.Loopback);
        BaseUrl = $"http://127.0.0.1:{port}/";
        // The tool reads this server as a user's allowed lab mirror; the canary on 127.0.0.2 stays refused.
        UpstreamAllowance.Allow(port);
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        CanaryUrl = $"http://127.0.0.2:{FreePort(IPAddress.Parse("127.0.0.2"))}/";
        _canary.Prefixes.Add(CanaryUrl);
        _canary.Start();
        _loop = Task.Run(() => LoopAsync(_listener, ServeAsync));
        _canaryLoop = Task.Run(() => LoopAsync(_canary, ServeCanaryAsync));
    }

    public string BaseUrl { get; }

    public string CanaryUrl { get; }

    /// <summary>Where the files are written, for the <c>file:</c> redirect.</summary>
    public string FileDirectory { get; }

    /// <summary>When set, every path serves the right bytes.</summary>
    public bool Healthy { get; set; }

    public TimeSpan StallTime { get; set; } = TimeSpan.FromSeconds(3);

    public int CanaryHits => Volatile.Read(ref _canaryHits);

    /// <summary>Faults actually answered, by kind (a healthy answer is not counted).</summary>
    public ConcurrentDictionary<UpstreamFault, int> Injected { get; } = new();

    /// <summary>Registers a file and returns its URL under <paramref name="fault"/>.</summary>
    public string Add(string name, byte[] bytes, UpstreamFault fault)
    {
        _files[name] = bytes;
        File.WriteAllBytes(Path.Combine(FileDirectory, name), bytes);
        return $"{BaseUrl}{Segment(fault)}/{name}";
    }

    public static string Segment(UpstreamFault fault) => fault.ToString().ToLowerInvariant();

    public void Dispose()
    {
        foreach (var listener in new[] { _listener, _canary })
        {
            listener.Stop();
            listener.Close();
        }

        try
        {
            Task.WaitAll([_loop, _canaryLoop], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static async Task LoopAsync(HttpListener listener, Func<HttpListenerContext, Task> serve)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await serve(context).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    try
                    {
                        context.Response.Abort();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    private async Task ServeCanaryAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _canaryHits);
        var name = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        if (_files.TryGetValue(name, out var bytes))
        {
            await WholeAsync(context.Response, bytes).ConfigureAwait(false);
        }
        else
        {
            Status(context.Response, 404);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        var parts = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !_files.TryGetValue(parts[1], out var bytes)
            || !Enum.GetValues<UpstreamFault>().Any(f => Segment(f) == parts[0]))
        {
            Status(response, 404);
            return;
        }

        var fault = Enum.GetValues<UpstreamFault>().Single(f => Segment(f) == parts[0]);
        var name = parts[1];
        var answer = _answers.AddOrUpdate(context.Request.Url.AbsolutePath, 1, (_, n) => n + 1);
        if (Healthy || fault == UpstreamFault.None || (fault == UpstreamFault.Truncated && answer > 2))
        {
            await WholeAsync(response, bytes).ConfigureAwait(false);
            return;
        }

        Injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        switch (fault)
        {
            case UpstreamFault.NotFound:
                Status(response, 404);
                return;
            case UpstreamFault.Truncated:
                await PartAsync(response, bytes, bytes.Length, bytes.Length / 2).ConfigureAwait(false);
                return;
            case UpstreamFault.WrongBytes:
                await WholeAsync(response, bytes.Select(b => (byte)~b).ToArray()).ConfigureAwait(false);
                return;
            case UpstreamFault.Stall:
                response.ContentLength64 = bytes.Length;
                response.Headers["Accept-Ranges"] = "none";
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                await Task.Delay(StallTime).ConfigureAwait(false);
                await response.OutputStream.WriteAsync(bytes.AsMemory(bytes.Length / 2)).ConfigureAwait(false);
                response.Close();
                return;
            case UpstreamFault.RedirectLoop:
                Redirect(response, $"{BaseUrl}{Segment(fault)}/{name}?hop={answer}");
                return;
            case UpstreamFault.RedirectInternal:
                Redirect(response, $"{CanaryUrl}{name}");
                return;
            case UpstreamFault.RedirectMetadata:
                Redirect(response, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
                return;
            case UpstreamFault.RedirectFile:
                Redirect(response, new Uri(Path.Combine(FileDirectory, name)).AbsoluteUri);
                return;
            case UpstreamFault.HugeContentLength:
                await PartAsync(response, bytes, Terabyte, bytes.Length).ConfigureAwait(false);
                return;
        }
    }

    private static async Task WholeAsync(HttpListenerResponse response, byte[] bytes)
    {
        response.ContentType = "application/octet-stream";
        response.Headers["Accept-Ranges"] = "none";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>Announces <paramref name="announced"/> bytes, sends <paramref name="sent"/> of them and drops the connection.</summary>
    private static async Task PartAsync(HttpListenerResponse response, byte[] bytes, long announced, int sent)
    {
        response.ContentType = "application/octet-stream";
        response.Headers["Accept-Ranges"] = "none";
        response.ContentLength64 = announced;
        await response.OutputStream.WriteAsync(bytes.AsMemory(0, sent)).ConfigureAwait(false);
        await response.OutputStream.FlushAsync().ConfigureAwait(false);
        response.Abort();
    }

    private static void Redirect(HttpListenerResponse response, string location)
    {
        response.StatusCode = 302;
        response.RedirectLocation = location;
        response.ContentLength64 = 0;
        response.Close();
    }

    private static void Status(HttpListenerResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentLength64 = 0;
        response.Close();
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
