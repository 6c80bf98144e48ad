using System.Net;
using System.Net.Sockets;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// A plain HTTP server on 127.0.0.1 (the address the test Glance's web-download filter allows) that
/// serves the files of one directory; unknown paths answer 404. It counts requests per path.
/// </summary>
internal sealed class LocalImageServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalImageServer(string root)
    {
        Root = root;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        UpstreamAllowance.Allow(Port);
        _loop = Task.Run(LoopAsync);
    }

    public string Root { get; }

    public int Port { get; }

    public string Url(string relative) => $"http://127.0.0.1:{Port}/{relative}";

    public int Requests(string relative)
    {
        lock (Counts)
        {
            return Counts.GetValueOrDefault("/" + relative);
        }
    }

    private Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers <paramref name="relative"/> with a 302 to <paramref name="location"/> (an upstream that sends the reader elsewhere).</summary>
    public void Redirect(string relative, string location)
    {
        lock (Redirects)
        {
            Redirects["/" + relative] = location;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        lock (Counts)
        {
            Counts[path] = Counts.GetValueOrDefault(path) + 1;
        }

        var file = Path.Combine(Root, Uri.UnescapeDataString(path.TrimStart('/')));
        try
        {
            string? location;
            lock (Redirects)
            {
                location = Redirects.GetValueOrDefault(path);
            }

            if (location is not null)
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = location;
                context.Response.Close();
                return;
            }

            if (!File.Exists(file))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                return;
            }

            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength64 = new FileInfo(file).Length;
            context.Response.Headers["Last-Modified"] = File.GetLastWriteTimeUtc(file).ToString("R");
            if (context.Request.HttpMethod != "HEAD")
            {
                await using var stream = File.OpenRead(file);
                await stream.CopyToAsync(context.Response.OutputStream).ConfigureAwait(false);
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (Glance or a cancelled test).
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
