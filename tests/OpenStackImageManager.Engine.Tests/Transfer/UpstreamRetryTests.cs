using System.Net;
using System.Net.Http.Headers;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Tests.Transfer;

/// <summary>Upstream downloads are retried by the engine's one retry policy; resuming stays Range/If-Range.</summary>
public sealed class UpstreamRetryTests
{
    private static readonly UpstreamOptions s_fast = new()
    {
        FirstDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        ReadTimeout = TimeSpan.FromSeconds(10),
    };

    private static readonly byte[] s_file = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Opening_retries_transient_answers(int status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(status), Whole());

        var bytes = await ReadAllAsync(handler, s_fast);

        Assert.Equal(s_file, bytes);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task Opening_honours_Retry_After()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status(503, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1500))),
            Whole());

        await ReadAllAsync(handler, s_fast with { MaxDelay = TimeSpan.FromSeconds(5) });

        var attempts = handler.Attempts.ToArray();
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"waited {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_missing_file_is_not_retried()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(404));

        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAllAsync(handler, s_fast));

        Assert.Single(handler.Attempts);
        Assert.True(error.IsMissing);
        Assert.DoesNotContain("gave up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_gives_up_after_its_attempts()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Fault());

        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAllAsync(handler, s_fast with { OpenAttempts = 3 }));

        Assert.Equal(3, handler.Attempts.Count);
        Assert.Contains("gave up after 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_body_resumes_with_Range_and_If_Range_through_retries()
    {
        var ranges = new List<string>();
        var handler = new ScriptedHandler(
            Truncated(4_000),
            (request, _) =>
            {
                ranges.Add($"{request.Headers.Range} {request.Headers.IfRange}");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            },
            (request, _) =>
            {
                ranges.Add($"{request.Headers.Range} {request.Headers.IfRange}");
                return Task.FromResult(Rest(request.Headers.Range!.Ranges.Single().From!.Value));
            });

        var bytes = await ReadAllAsync(handler, s_fast);

        Assert.Equal(s_file, bytes);
        Assert.Equal(["bytes=4000- \"v1\"", "bytes=4000- \"v1\""], ranges);
    }

    [Fact]
    public async Task A_resume_answered_with_the_whole_file_is_refused()
    {
        var handler = new ScriptedHandler(Truncated(4_000), Whole());

        var error = await Assert.ThrowsAsync<UpstreamException>(() => ReadAllAsync(handler, s_fast));

        Assert.Contains("sent the whole file again", error.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadAllAsync(HttpMessageHandler handler, UpstreamOptions options)
    {
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var source = await UpstreamSource.OpenAsync(["http://upstream.test/image.raw"], null, null, storedSha256: false, options, client, null,
            NullOperationLog.Instance, CancellationToken.None);
        using var copy = new MemoryStream();
        await source.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Whole() =>
        (_, _) => Task.FromResult(WithHeaders(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(s_file) }));

    /// <summary>Announces the whole length, sends <paramref name="sent"/> bytes, then the connection ends.</summary>
    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Truncated(int sent) =>
        (_, _) =>
        {
            var content = new StreamContent(new MemoryStream(s_file[..sent]));
            content.Headers.ContentLength = s_file.Length;
            return Task.FromResult(WithHeaders(new HttpResponseMessage(HttpStatusCode.OK) { Content = content }));
        };

    private static HttpResponseMessage Rest(long from)
    {
        var content = new ByteArrayContent(s_file[(int)from..]);
        content.Headers.ContentRange = new ContentRangeHeaderValue(from, s_file.Length - 1, s_file.Length);
        return WithHeaders(new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = content });
    }

    private static HttpResponseMessage WithHeaders(HttpResponseMessage response)
    {
        response.Headers.AcceptRanges.Add("bytes");
        response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
        return response;
    }
}
