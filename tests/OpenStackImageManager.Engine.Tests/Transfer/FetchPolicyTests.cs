using System.Net;
using System.Net.Sockets;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Transfer;

/// <summary>
/// What the tool reads by itself goes through one fetch policy: redirects into the metadata service, a
/// local file or a loop are refused with the URL named, a name that resolves to a forbidden address is
/// never connected to, and file: sources stay below the catalog's folder.
/// </summary>
public sealed class FetchPolicyTests : IDisposable
{
    private static readonly UpstreamOptions s_fast = new() { OpenAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private readonly string _root = Directory.CreateTempSubdirectory("oim-fetch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://2852039166/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://0251.0376.0251.0376/", "169.254.169.254")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254")]
    [InlineData("http://100.100.100.200/", "100.100.100.200")]
    [InlineData("http://[::ffff:169.254.169.254]/", "169.254.169.254")]
    [InlineData("file:///etc/shadow", "file:///etc/shadow")]
    [InlineData("ftp://mirror.example/image.img", "ftp://mirror.example/image.img")]
    public async Task A_redirect_out_of_bounds_is_refused_naming_the_target(string target, string named)
    {
        var handler = new ScriptedHandler(Redirect(target));

        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAsync(handler, "https://images.example/image.img"));

        Assert.True(error.IsRefused);
        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("images.example/image.img", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task A_redirect_loop_is_refused_and_not_retried()
    {
        var handler = new ScriptedHandler(Redirect("https://b.example/image.img"), Redirect("https://a.example/image.img"));

        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAsync(handler, "https://a.example/image.img"));

        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
        Assert.Contains("a.example/image.img", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task Allowed_redirects_are_followed_with_a_bounded_count()
    {
        var ok = new ScriptedHandler(Redirect("/elsewhere/image.img"), ScriptedHandler.Status(200, body: "bytes"));
        Assert.Equal("bytes"u8.ToArray(), await ReadAsync(ok, "https://a.example/image.img"));

        var endless = new ScriptedHandler(Enumerable.Range(0, 20).Select(i => Redirect($"https://a.example/{i}")).ToArray());
        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAsync(endless, "https://a.example/start"));
        Assert.Contains($"more than {PolicyRedirectHandler.MaxRedirects} redirects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_latest_check_whose_checksum_file_redirects_to_the_metadata_service_is_refused()
    {
        var handler = new ScriptedHandler(Redirect("http://2852039166/latest/user-data"), ScriptedHandler.Status(200, body: "secret"));
        using var upstream = new UpstreamHttp(new FetchPolicy(), Transport(handler));
        var version = new ImageVersion
        {
            Version = "latest", DefinitionName = "T", GlanceName = "T",
            Url = "https://images.example/t.img", ChecksumsUrl = "https://images.example/SHA256SUMS",
        };

        var error = await Assert.ThrowsAsync<OpenStackException>(() => LatestChecker.CheckAsync(version, upstream.Client, CancellationToken.None));

        Assert.Equal(OpenStackErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("169.254.169.254", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_link_local_address_is_never_connected_to()
    {
        var resolved = new List<string>();
        var options = s_fast with
        {
            Resolver = (host, _) =>
            {
                resolved.Add(host);
                return Task.FromResult(new[] { IPAddress.Parse("169.254.169.254") });
            },
        };
        using var upstream = new UpstreamHttp(options);

        var error = await Assert.ThrowsAsync<UpstreamException>(() =>
            UpstreamSource.OpenAsync(["http://mirror.example/image.img"], null, null, false, options, upstream.Client, null, NullOperationLog.Instance, CancellationToken.None));

        Assert.True(error.IsRefused);
        Assert.Contains("mirror.example", error.Message, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254", error.Message, StringComparison.Ordinal);
        Assert.Equal(["mirror.example"], resolved);
    }

    [Fact]
    public async Task Loopback_is_read_only_when_the_host_is_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var url = $"http://127.0.0.1:{port}/image.img";
        _ = ServeOnceAsync(listener, "hello");

        var refused = await Assert.ThrowsAsync<UpstreamException>(() => ReadOverSocketsAsync(url, s_fast));
        Assert.Contains(FetchPolicy.AllowedHostsVariable, refused.Message, StringComparison.Ordinal);

        // A name that resolves to loopback is refused when it connects, unless the name is allowed.
        var viaName = s_fast with { Resolver = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }) };
        var byName = await Assert.ThrowsAsync<UpstreamException>(() => ReadOverSocketsAsync($"http://mirror.example:{port}/image.img", viaName));
        Assert.Contains("loopback", byName.Message, StringComparison.Ordinal);

        Assert.Equal("hello", await ReadOverSocketsAsync(url, s_fast with { AllowedHosts = [$"127.0.0.1:{port}"] }));
    }

    [Fact]
    public async Task A_file_is_read_only_below_the_catalog_folder_with_links_resolved()
    {
        var catalog = Directory.CreateDirectory(Path.Combine(_root, "catalog")).FullName;
        var inside = Path.Combine(catalog, "image.raw");
        await File.WriteAllTextAsync(inside, "inside");
        var outside = Path.Combine(_root, "secret.txt");
        await File.WriteAllTextAsync(outside, "secret");
        var link = Path.Combine(catalog, "link.raw");
        File.CreateSymbolicLink(link, outside);
        var options = new UpstreamOptions().WithCatalog(Path.Combine(catalog, "images.yml"));

        using (var source = await OpenFileAsync(new Uri(inside).AbsoluteUri, options))
        {
            Assert.Equal(6, source.SourceLength);
        }

        var escaped = await Assert.ThrowsAsync<UpstreamException>(() => OpenFileAsync(new Uri(outside).AbsoluteUri, options));
        var linked = await Assert.ThrowsAsync<UpstreamException>(() => OpenFileAsync(new Uri(link).AbsoluteUri, options));
        var dotted = await Assert.ThrowsAsync<UpstreamException>(() => OpenFileAsync("file://" + catalog + "/../secret.txt", options));
        var noRoot = await Assert.ThrowsAsync<UpstreamException>(() => OpenFileAsync("file:///etc/shadow", new UpstreamOptions()));

        Assert.All(new[] { escaped, linked, dotted, noRoot }, e => Assert.True(e.IsRefused));
        Assert.Contains("outside the catalog's folder", linked.Message, StringComparison.Ordinal);
        Assert.Contains("/etc/shadow", noRoot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_GET_is_retried_after_a_500_and_after_a_body_cut_short()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status(500),
            (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream("abc  t.i"u8.ToArray())) }),
            ScriptedHandler.Status(200, body: "abc  t.img\n"));
        using var upstream = new UpstreamHttp(new FetchPolicy(), Transport(handler));

        var body = await upstream.Client.GetStringAsync(new Uri("https://images.example/SHA256SUMS"));

        Assert.Equal("abc  t.img\n", body);
        Assert.Equal(3, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_stalled_image_body_ends_at_the_idle_timeout_and_the_whole_read_at_the_upstream_timeout()
    {
        var stalled = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) }));
        using var idleClient = new HttpClient(stalled);
        var idle = s_fast with { ReadTimeout = TimeSpan.FromMilliseconds(100) };
        using (var source = await UpstreamSource.OpenAsync(["https://images.example/i.img"], null, null, false, idle, idleClient, null, NullOperationLog.Instance, CancellationToken.None))
        {
            // No Accept-Ranges: an idle body cannot be resumed and is an error at once.
            var error = await Assert.ThrowsAsync<UpstreamException>(() => source.Content.CopyToAsync(Stream.Null)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("no data for", error.Message, StringComparison.Ordinal);
        }

        // A server that offers ranges but stalls again at the same byte after a resume is given up on at the second stall.
        var again = new ScriptedHandler(
            (_, _) => Task.FromResult(Stalling(HttpStatusCode.OK)),
            (_, _) => Task.FromResult(Stalling(HttpStatusCode.PartialContent)),
            (_, _) => Task.FromResult(Stalling(HttpStatusCode.PartialContent)));
        using var againClient = new HttpClient(again);
        using (var source = await UpstreamSource.OpenAsync(["https://images.example/i.img"], null, null, false, idle, againClient, null, NullOperationLog.Instance, CancellationToken.None))
        {
            var error = await Assert.ThrowsAsync<UpstreamException>(() => source.Content.CopyToAsync(Stream.Null)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("stalled twice at byte 0", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, again.Attempts.Count);
        }

        var bounded = s_fast with { ReadTimeout = TimeSpan.FromMinutes(5), TransferTimeout = TimeSpan.FromMilliseconds(100) };
        using var boundedClient = new HttpClient(new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) })));
        using var slow = await UpstreamSource.OpenAsync(["https://images.example/i.img"], null, null, false, bounded, boundedClient, null, NullOperationLog.Instance, CancellationToken.None);
        var overdue = await Assert.ThrowsAsync<UpstreamException>(() => slow.Content.CopyToAsync(Stream.Null)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("upstream timeout", overdue.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Stalling(HttpStatusCode status)
    {
        var response = new HttpResponseMessage(status) { Content = new StreamContent(new StallingStream()) };
        response.Headers.AcceptRanges.Add("bytes");
        response.Content.Headers.ContentLength = 100;
        if (status == HttpStatusCode.PartialContent)
        {
            response.Content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, 99, 100);
        }

        return response;
    }

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Redirect(string location) =>
        ScriptedHandler.Status(302, r => r.Headers.TryAddWithoutValidation("Location", location));

    private static HttpTransportOptions Transport(HttpMessageHandler handler) =>
        new() { PrimaryHandler = () => handler, MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromSeconds(20) };

    private static async Task<byte[]> ReadAsync(HttpMessageHandler handler, string url)
    {
        using var upstream = new UpstreamHttp(new FetchPolicy(), Transport(handler));
        using var source = await UpstreamSource.OpenAsync([url], null, null, false, s_fast, upstream.Client, null, NullOperationLog.Instance, CancellationToken.None);
        using var buffer = new MemoryStream();
        await source.Content.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<string> ReadOverSocketsAsync(string url, UpstreamOptions options)
    {
        using var upstream = new UpstreamHttp(options);
        using var source = await UpstreamSource.OpenAsync([url], null, null, false, options, upstream.Client, null, NullOperationLog.Instance, CancellationToken.None);
        using var reader = new StreamReader(source.Content);
        return await reader.ReadToEndAsync();
    }

    private static Task<UpstreamSource> OpenFileAsync(string url, UpstreamOptions options) =>
        UpstreamSource.OpenAsync([url], null, null, false, options, null, null, NullOperationLog.Instance, CancellationToken.None);

    private static async Task ServeOnceAsync(TcpListener listener, string body)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        var answer = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer));
    }

    /// <summary>Gives its bytes, then fails as a reset connection does.</summary>
    private sealed class BreakingStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = base.Read(buffer.Span);
            return read > 0 ? ValueTask.FromResult(read) : ValueTask.FromException<int>(new IOException("Connection reset by peer"));
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("Connection reset by peer");
        }
    }

    /// <summary>A body that never delivers a byte.</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
