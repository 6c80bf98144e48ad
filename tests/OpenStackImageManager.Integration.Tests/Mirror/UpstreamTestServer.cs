using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenStackImageManager.Integration.Tests.Mirror;

/// <summary>
/// A small HTTP/1.1 file server on 127.0.0.1 for upstream files: serves bytes or a file with
/// ETag, Accept-Ranges and Range (206), and can misbehave on purpose: cut the body after N bytes,
/// answer 503 first, redirect, or refuse ranges. One request per connection (Connection: close).
/// </summary>
public sealed class UpstreamTestServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, Served> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _active;
    private int _maxActive;

    public UpstreamTestServer()
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        AllowOwnPort(BaseUrl.Port);
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Most bodies being sent at the same time (parallel mirroring shows here).</summary>
    public int MaxConcurrentBodies => Volatile.Read(ref _maxActive);

    /// <summary>Every request line with its Range header, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Add(string path, byte[] content, Behaviour? behaviour = null) => Add(path, new Served(content, null, behaviour ?? new Behaviour()));

    public Uri AddFile(string path, string file, Behaviour? behaviour = null) => Add(path, new Served(null, file, behaviour ?? new Behaviour()));

    /// <summary>A URL that answers 302 to <paramref name="target"/>.</summary>
    public Uri AddRedirect(string path, Uri target)
    {
        _files[Normalize(path)] = new Served(null, null, new Behaviour { RedirectTo = target });
        return new Uri(BaseUrl, path);
    }

    private Uri Add(string path, Served served)
    {
        _files[Normalize(path)] = served;
        return new Uri(BaseUrl, path);
    }

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (method, path, headers) = await ReadRequestAsync(stream).ConfigureAwait(false);
            headers.TryGetValue("range", out var rangeHeader);
            Requests.Enqueue($"{method} {path} range={rangeHeader ?? "-"}");
            if (!_files.TryGetValue(path, out var served))
            {
                await WriteHeadAsync(stream, 404, "Not Found", [("Content-Length", "0")]).ConfigureAwait(false);
                return;
            }

            var behaviour = served.Behaviour;
            if (behaviour.RedirectTo is { } target)
            {
                await WriteHeadAsync(stream, 302, "Found", [("Location", target.ToString()), ("Content-Length", "0")]).ConfigureAwait(false);
                return;
            }

            if (Interlocked.Decrement(ref behaviour.FailuresLeft) >= 0)
            {
                await WriteHeadAsync(stream, 503, "Service Unavailable", [("Retry-After", "0"), ("Content-Length", "0")]).ConfigureAwait(false);
                return;
            }

            var length = served.Length;
            long start = 0;
            var status = 200;
            var extra = new List<(string, string)> { ("ETag", served.ETag) };
            if (behaviour.AcceptRanges)
            {
                extra.Add(("Accept-Ranges", "bytes"));
                var ifRangeOk = !headers.TryGetValue("if-range", out var ifRange) || ifRange == served.ETag;
                if (rangeHeader is not null && ifRangeOk && rangeHeader.StartsWith("bytes=", StringComparison.Ordinal) && rangeHeader.EndsWith('-'))
                {
                    start = long.Parse(rangeHeader[6..^1], CultureInfo.InvariantCulture);
                    status = 206;
                    extra.Add(("Content-Range", $"bytes {start}-{length - 1}/{length}"));
                }
            }

            extra.Add(("Content-Length", (length - start).ToString(CultureInfo.InvariantCulture)));
            await WriteHeadAsync(stream, status, status == 206 ? "Partial Content" : "OK", extra).ConfigureAwait(false);
            if (method == "HEAD")
            {
                return;
            }

            long? cutAt = Interlocked.Decrement(ref behaviour.CutsLeft) >= 0 ? behaviour.CutAfterBytes : null;
            var active = Interlocked.Increment(ref _active);
            InterlockedMax(ref _maxActive, active);
            try
            {
                await served.CopyAsync(stream, start, cutAt, behaviour.BodyDelay).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }

            if (cutAt is not null && behaviour.ResetOnCut)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST: the client sees a broken connection
            }
        }
        catch (IOException)
        {
            // The client went away; nothing to do.
        }
        catch (SocketException)
        {
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers)> ReadRequestAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0)
            {
                throw new IOException("closed before the request ended");
            }

            bytes.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        return (parts[0], parts[1].Split('?')[0], headers);
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string reason, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString())).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>How one path misbehaves. Counters count down per request.</summary>
    public sealed class Behaviour
    {
        public bool AcceptRanges { get; init; } = true;

        /// <summary>Bodies cut off after <see cref="CutAfterBytes"/> (counted from the range start).</summary>
        public int CutsLeft;

        public long CutAfterBytes { get; init; }

        /// <summary>True: the cut is a connection reset (unsent bytes are lost); false: a clean close (early end of body).</summary>
        public bool ResetOnCut { get; init; } = true;

        /// <summary>Requests answered 503 before the file is served.</summary>
        public int FailuresLeft;

        public Uri? RedirectTo { get; init; }

        /// <summary>A pause before the body, so parallel transfers overlap visibly.</summary>
        public TimeSpan BodyDelay { get; init; }
    }

    private sealed class Served(byte[]? content, string? file, Behaviour behaviour)
    {
        public Behaviour Behaviour { get; } = behaviour;

        public long Length => content?.LongLength ?? new FileInfo(file!).Length;

        public string ETag { get; } = "\"" + Guid.NewGuid().ToString("N") + "\"";

        public async Task CopyAsync(Stream output, long start, long? cutAfter, TimeSpan delay)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }

            var end = cutAfter is { } cut ? Math.Min(Length, start + cut) : Length;
            if (content is not null)
            {
                await output.WriteAsync(content.AsMemory((int)start, (int)(end - start))).ConfigureAwait(false);
                return;
            }

            await using var input = new FileStream(file!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            input.Position = start;
            var buffer = new byte[1 << 20];
            var left = end - start;
            while (left > 0)
            {
                var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left))).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                left -= read;
            }
        }
    }

    /// <summary>
    /// Allows exactly this server's 127.0.0.1 port for upstream reads (OIM_UPSTREAM_ALLOWED_HOSTS), as the
    /// tests' UpstreamAllowance does; written out here because the benchmarks compile this file without it.
    /// </summary>
    private static readonly object s_allowGate = new();

    private static void AllowOwnPort(int port)
    {
        lock (s_allowGate)
        {
            const string variable = "OIM_UPSTREAM_ALLOWED_HOSTS";
            var current = Environment.GetEnvironmentVariable(variable);
            Environment.SetEnvironmentVariable(variable, string.IsNullOrEmpty(current) ? $"127.0.0.1:{port}" : $"{current},127.0.0.1:{port}");
        }
    }
}
