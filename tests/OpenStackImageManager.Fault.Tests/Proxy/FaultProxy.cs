using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.Fault.Tests.Proxy;

/// <summary>
/// An HTTP/1.1 reverse proxy in front of one service of the local cloud (Keystone or Glance). It passes
/// requests through unless the current <see cref="FaultPlan"/> says otherwise: a status answer (500, 503,
/// 429, with or without Retry-After, 401), a connection reset before or after the service answered, a
/// body cut short, a stall, or a held request while the test kills the tool. It remembers every token it
/// sees, so the suite can look for them in the tool's output.
/// </summary>
public sealed partial class FaultProxy : IDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Proxy-Connection", "TE", "Trailer", "Upgrade",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FaultProxy(Uri target)
    {
        _target = target;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _forward = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The schedule of the run going on; set before each run.</summary>
    public FaultPlan Plan { get; set; } = FaultPlan.PassThrough;

    /// <summary>How long a stalled request waits before it is passed on.</summary>
    public TimeSpan StallTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Every token seen in a request or an answer.</summary>
    public ConcurrentDictionary<string, bool> Tokens { get; } = new(StringComparer.Ordinal);

    public static RequestKind Classify(string method, string path)
    {
        path = path.TrimEnd('/');
        if (path.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return method == "POST" ? RequestKind.TokenPost : RequestKind.Other;
        }

        var image = ImagePath().Match(path);
        if (!image.Success)
        {
            return path.EndsWith("/v2/images", StringComparison.Ordinal)
                ? method switch { "GET" => RequestKind.List, "POST" => RequestKind.Create, _ => RequestKind.Other }
                : RequestKind.Other;
        }

        var rest = image.Groups["rest"].Value;
        return (method, rest) switch
        {
            ("GET", "") => RequestKind.GetImage,
            ("PATCH", "") => RequestKind.Patch,
            ("DELETE", "") => RequestKind.Delete,
            ("PUT", "/stage") => RequestKind.Stage,
            ("PUT", "/file") => RequestKind.Upload,
            ("POST", "/import") => RequestKind.Import,
            ("POST", _) when rest.StartsWith("/actions/", StringComparison.Ordinal) => RequestKind.Action,
            _ => RequestKind.Other,
        };
    }

    /// <summary>The ids of a listing by ids (<c>id=in:a,b</c>), the import monitor's look at the images in flight.</summary>
    private static string[] WatchedIds(Uri url)
    {
        var query = Uri.UnescapeDataString(url.Query.TrimStart('?'));
        var part = query.Split('&').FirstOrDefault(p => p.StartsWith("id=in:", StringComparison.Ordinal));
        return part is null ? [] : part["id=in:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _forward.Dispose();
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var plan = Plan;
        var request = context.Request;
        var response = context.Response;
        var kind = Classify(request.HttpMethod, request.Url!.AbsolutePath);
        Remember(request.Headers["X-Auth-Token"]);
        byte[]? body = null;
        try
        {
            if (kind is RequestKind.Create or RequestKind.Patch && request.HasEntityBody)
            {
                // Small JSON bodies: read them to tell the lease's writes from the images' own.
                using var buffer = new MemoryStream();
                await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                body = buffer.ToArray();
                if (Encoding.UTF8.GetString(body).Contains("oim_lease", StringComparison.Ordinal))
                {
                    kind = RequestKind.Lease;
                }
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            response.Abort();
            return;
        }

        var image = ImagePath().Match(request.Url.AbsolutePath);
        var imageId = image.Success ? image.Groups["id"].Value : null;
        if (kind == RequestKind.List && WatchedIds(request.Url) is [var first, ..])
        {
            kind = RequestKind.Watch;
            imageId = first;
        }

        var (fault, trigger) = plan.Decide(kind, imageId);
        try
        {
            if (trigger is { Point: KillPoint.OnArrival })
            {
                await HoldAsync(trigger, plan).ConfigureAwait(false);
                response.Abort();
                return;
            }

            switch (fault)
            {
                case FaultKind.Status500:
                    await AnswerAsync(response, 500, null, "Internal Server Error").ConfigureAwait(false);
                    return;
                case FaultKind.Status503:
                    await AnswerAsync(response, 503, null, "Service Unavailable").ConfigureAwait(false);
                    return;
                case FaultKind.Status503RetryAfter:
                    await AnswerAsync(response, 503, "1", "Service Unavailable").ConfigureAwait(false);
                    return;
                case FaultKind.Status429:
                    await AnswerAsync(response, 429, null, "Too Many Requests").ConfigureAwait(false);
                    return;
                case FaultKind.Status429RetryAfter:
                    await AnswerAsync(response, 429, "1", "Too Many Requests").ConfigureAwait(false);
                    return;
                case FaultKind.Unauthorized401:
                    await AnswerAsync(response, 401, null, "The request you have made requires authentication.").ConfigureAwait(false);
                    return;
                case FaultKind.ResetBeforeAnswer:
                    if (body is null)
                    {
                        await DrainAsync(request).ConfigureAwait(false);
                    }

                    response.Abort();
                    return;
                case FaultKind.Stall:
                    await Task.Delay(StallTime, _stop.Token).ConfigureAwait(false);
                    break;
            }

            await ForwardAsync(context, body, fault, trigger, plan).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            try
            {
                response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, byte[]? buffered, FaultKind? fault, KillTrigger? trigger, FaultPlan plan)
    {
        var request = context.Request;
        var response = context.Response;
        using var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.Url!.PathAndQuery));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (buffered is not null)
        {
            message.Content = new ByteArrayContent(buffered);
        }
        else if (request.HasEntityBody)
        {
            Stream body = request.InputStream;
            if (trigger is { Point: KillPoint.MidBody })
            {
                body = new HoldingStream(body, request.ContentLength64 > 0 ? request.ContentLength64 / 2 : 64 * 1024, () => HoldAsync(trigger, plan), abort);
            }

            message.Content = new StreamContent(body, 64 * 1024);
            if (request.ContentLength64 >= 0)
            {
                message.Content.Headers.ContentLength = request.ContentLength64;
            }
        }

        foreach (var name in request.Headers.AllKeys)
        {
            if (name is null || HopHeaders.Contains(name))
            {
                continue;
            }

            var value = request.Headers[name]!;
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await _forward.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, abort.Token).ConfigureAwait(false);
        if (answer.Headers.TryGetValues("X-Subject-Token", out var subject))
        {
            foreach (var token in subject)
            {
                Remember(token);
            }
        }

        var bytes = await answer.Content.ReadAsByteArrayAsync(abort.Token).ConfigureAwait(false);
        if (trigger is { Point: KillPoint.AfterAnswer })
        {
            await HoldAsync(trigger, plan).ConfigureAwait(false);
            response.Abort();
            return;
        }

        if (fault == FaultKind.ResetAfterAnswer)
        {
            response.Abort();
            return;
        }

        response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (HopHeaders.Contains(header.Key))
            {
                continue;
            }

            try
            {
                response.Headers[header.Key] = string.Join(", ", header.Value);
            }
            catch (ArgumentException)
            {
                // A header HttpListener sets itself.
            }
        }

        response.ContentLength64 = bytes.Length;
        if (fault == FaultKind.TruncatedBody && bytes.Length > 1)
        {
            await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
            await response.OutputStream.FlushAsync().ConfigureAwait(false);
            response.Abort();
            return;
        }

        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private static async Task AnswerAsync(HttpListenerResponse response, int status, string? retryAfter, string message)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"error\": {{\"code\": {status}, \"title\": \"{message}\", \"message\": \"{message} (fault proxy)\"}}}}");
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            response.Headers["Retry-After"] = retryAfter;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>Reads what the client sends, so that a reset is not mistaken for a refused upload.</summary>
    private static async Task DrainAsync(HttpListenerRequest request)
    {
        if (request.HasEntityBody)
        {
            await request.InputStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
        }
    }

    private async Task HoldAsync(KillTrigger trigger, FaultPlan plan)
    {
        trigger.Fire();
        await plan.Released.WaitAsync(_stop.Token).ConfigureAwait(false);
    }

    private void Remember(string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            Tokens.TryAdd(token, true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"/v2/images/(?<id>[0-9a-fA-F-]{36})(?<rest>/.*)?$")]
    private static partial Regex ImagePath();

    /// <summary>A request body that stops after <c>limit</c> bytes and waits for the test to kill the tool.</summary>
    private sealed class HoldingStream(Stream inner, long limit, Func<Task> hold, CancellationTokenSource abort) : Stream
    {
        private long _passed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _passed; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passed >= limit)
            {
                await hold().ConfigureAwait(false);
                await abort.CancelAsync().ConfigureAwait(false);
                throw new OperationCanceledException("held for a kill");
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit - _passed)], cancellationToken).ConfigureAwait(false);
            _passed += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
