using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.TestSupport;

/// <summary>
/// A local stand-in for the upstream sites (cloud-images.ubuntu.com, cdimage.debian.org, the RHEL
/// rebuilds' mirrors, the GitHub API, endoflife.date): serves Fixtures/upstream (listings, manifests,
/// release JSON, endoflife JSON) with Content-Type and Last-Modified, and any other path with an image
/// extension as the bytes <c>image:&lt;path&gt;</c>, whose digests the manifests carry. Paths can be
/// made to answer wrongly. Shared by the engine and the integration tests.
/// </summary>
public sealed partial class UpstreamFixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;

    public UpstreamFixtureServer(string root)
    {
        _root = root;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        UpstreamAllowance.Allow(port);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Last-Modified of an image without a date in its path.</summary>
    public DateTimeOffset DefaultLastModified { get; set; } = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Every request as "METHOD /path", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Answers that replace what the path would serve: status, body, content type.</summary>
    public ConcurrentDictionary<string, (int Status, string Body, string ContentType)> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Image paths served with other bytes than the manifests describe.</summary>
    public ConcurrentDictionary<string, bool> Corrupted { get; } = new(StringComparer.Ordinal);

    /// <summary>The rewrites that send every real upstream to this server (as the catalog names them).</summary>
    public IReadOnlyDictionary<string, string> Rewrites => new Dictionary<string, string>
    {
        ["https://cloud-images.ubuntu.com/"] = BaseUrl + "ubuntu/",
        ["https://cdimage.debian.org/cdimage/cloud/"] = BaseUrl + "debian/",
        ["https://repo.almalinux.org/almalinux/"] = BaseUrl + "almalinux/",
        ["https://download.rockylinux.org/pub/rocky/"] = BaseUrl + "rocky/",
        ["https://cloud.centos.org/centos/"] = BaseUrl + "centos/",
        ["https://download.opensuse.org/distribution/leap/"] = BaseUrl + "opensuse/leap/",
        ["https://github.com/"] = BaseUrl + "github/",
        ["https://api.github.com/"] = BaseUrl + "github/",
    };

    public static byte[] ImageBytes(string path) => Encoding.UTF8.GetBytes("image:" + path);

    public void Dispose()
    {
        _listener.Stop();
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
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path}");
        try
        {
            var (status, body, type, modified) = Answer(path);
            response.StatusCode = status;
            response.ContentType = type;
            if (modified is { } lastModified)
            {
                response.Headers["Last-Modified"] = lastModified.ToString("R", CultureInfo.InvariantCulture);
            }

            response.Headers["Accept-Ranges"] = "none";
            response.ContentLength64 = body.Length;
            if (request.HttpMethod != "HEAD")
            {
                response.OutputStream.Write(body);
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
            }
        }
    }

    private (int Status, byte[] Body, string Type, DateTimeOffset? Modified) Answer(string path)
    {
        if (Overrides.TryGetValue(path, out var given))
        {
            return (given.Status, Encoding.UTF8.GetBytes(given.Body), given.ContentType, null);
        }

        var file = Path.Combine(_root, path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        if (path.EndsWith('/'))
        {
            file = Path.Combine(file, "index.html");
        }
        else if (path.EndsWith("/releases", StringComparison.Ordinal))
        {
            file += ".json";
        }

        if (File.Exists(file))
        {
            var type = Path.GetExtension(file) switch { ".html" => "text/html", ".json" => "application/json", _ => "text/plain" };
            return (200, File.ReadAllBytes(file), type, new DateTimeOffset(2026, 12, 3, 9, 12, 0, TimeSpan.Zero));
        }

        if (ImageExtension().IsMatch(path))
        {
            var bytes = Corrupted.ContainsKey(path) ? Encoding.UTF8.GetBytes("corrupted:" + path) : ImageBytes(path);
            var dated = DateInPath().Match(path);
            var modified = dated.Success
                ? new DateTimeOffset(DateTime.ParseExact(dated.Value, "yyyyMMdd", CultureInfo.InvariantCulture), TimeSpan.Zero).AddHours(4)
                : DefaultLastModified;
            return (200, bytes, "application/octet-stream", modified);
        }

        return (404, Encoding.UTF8.GetBytes("<html><body><h1>404 Not Found</h1></body></html>"), "text/html", null);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\.(img|qcow2|raw|xz|gz|bz2|zst)$")]
    private static partial Regex ImageExtension();

    [GeneratedRegex(@"(?<!\d)20\d{6}(?!\d)")]
    private static partial Regex DateInPath();
}
