using System.Net;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Tests.Http;

/// <summary>The one retry policy as Keystone and Glance requests meet it: what a GET retries that a POST does not, and truncated bodies.</summary>
public sealed class RetryPolicyTests
{
    private static readonly Uri s_base = new("http://glance.test/v2/");

    [Theory]
    [InlineData(500)]
    [InlineData(408)]
    public async Task A_server_error_is_retried_for_a_GET(int status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(status), ScriptedHandler.Status(200, body: """{"id": "i"}"""));

        var image = await Client(handler).GetImageAsync("i", CancellationToken.None);

        Assert.Equal("i", image.Id);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_500_is_not_retried_for_a_POST_a_PATCH_or_a_DELETE()
    {
        var post = new ScriptedHandler(ScriptedHandler.Status(500));
        var delete = new ScriptedHandler(ScriptedHandler.Status(500));

        await Assert.ThrowsAsync<OpenStackApiException>(() => Client(post).CreateImageAsync(new System.Text.Json.Nodes.JsonObject { ["name"] = "n" }, CancellationToken.None));
        await Assert.ThrowsAsync<OpenStackApiException>(() => Client(delete).DeleteImageAsync("i", CancellationToken.None));

        Assert.Single(post.Attempts);
        Assert.Single(delete.Attempts);
    }

    [Fact]
    public async Task A_GET_whose_body_breaks_off_is_retried()
    {
        var handler = new ScriptedHandler(
            (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream("""{"id": """u8.ToArray())) }),
            ScriptedHandler.Status(200, body: """{"id": "i"}"""));

        var image = await Client(handler).GetImageAsync("i", CancellationToken.None);

        Assert.Equal("i", image.Id);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Theory]
    [InlineData(429, "GET", true)]
    [InlineData(500, "GET", true)]
    [InlineData(500, "HEAD", true)]
    [InlineData(500, "POST", false)]
    [InlineData(500, "DELETE", false)]
    [InlineData(502, "DELETE", true)]
    [InlineData(404, "GET", false)]
    [InlineData(501, "GET", false)]
    public void Transient_answers_are_one_table(int status, string method, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient((HttpStatusCode)status, new HttpMethod(method)));

    [Fact]
    public void Retry_After_as_seconds_is_that_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Retry_After_in_the_past_is_no_wait()
    {
        var now = DateTimeOffset.UtcNow;
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-30));

        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(response, now));
    }

    private static GlanceClient Client(HttpMessageHandler handler) =>
        new(new OpenStackHttp(new HttpTransportOptions { PrimaryHandler = () => handler, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }).CreateClient(),
            s_base, "test", () => []);

    /// <summary>Gives its bytes, then fails as a reset connection does.</summary>
    private sealed class BreakingStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("Connection reset by peer");
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = base.Read(buffer.Span);
            return read > 0 ? ValueTask.FromResult(read) : ValueTask.FromException<int>(new IOException("Connection reset by peer"));
        }
    }
}
