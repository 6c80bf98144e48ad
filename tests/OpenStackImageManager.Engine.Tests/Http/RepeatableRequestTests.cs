using System.Net;
using System.Text;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Identity;

namespace OpenStackImageManager.Engine.Tests.Http;

/// <summary>
/// Requests that are not reads but whose repeat does no harm: the token request, a PATCH that only sets
/// values, a DELETE whose first answer was lost. A real Keystone or Glance cannot be made to answer 503
/// once or to cut a reply short, so these run over an in-process handler.
/// </summary>
public sealed class RepeatableRequestTests
{
    private static readonly Uri s_base = new("http://glance.test/v2/");

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(0)]
    public async Task The_token_request_is_retried_after_a_gateway_answer_or_a_reset(int status)
    {
        var handler = new ScriptedHandler(status == 0 ? ScriptedHandler.Fault() : ScriptedHandler.Status(status), TokenAnswer());
        var authenticator = new KeystoneAuthenticator(Http(handler).CreateClient(), new CloudConfig { Name = "c", AuthUrl = new Uri("http://keystone.test/v3"), Username = "u", Password = "p", ProjectName = "p1" });

        var token = await authenticator.AuthenticateAsync(NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal("tok", token.Value);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_PATCH_that_only_sets_values_is_sent_again_when_its_reply_breaks_off()
    {
        var handler = new ScriptedHandler(Truncated(), ScriptedHandler.Status(200, body: """{"id": "i", "name": "n"}"""));

        var image = await Glance(handler).UpdateImageAsync("i", [PatchOperation.Replace("name", "n")], CancellationToken.None);

        Assert.Equal("n", image.Name);
        Assert.Equal(["PATCH", "PATCH"], handler.Attempts.Select(a => a.Method));
    }

    [Fact]
    public async Task A_PATCH_with_a_remove_is_sent_once_and_a_cut_reply_is_read_back_with_a_GET()
    {
        var handler = new ScriptedHandler(Truncated(), ScriptedHandler.Status(200, body: """{"id": "i", "name": "n"}"""));

        var image = await Glance(handler).UpdateImageAsync("i", [PatchOperation.Remove("oim_pending")], CancellationToken.None);

        Assert.Equal("i", image.Id);
        Assert.Equal(["PATCH", "GET"], handler.Attempts.Select(a => a.Method));
    }

    [Fact]
    public async Task A_PATCH_with_a_remove_is_not_repeated_after_a_gateway_answer()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(502), ScriptedHandler.Status(200, body: """{"id": "i"}"""));

        await Assert.ThrowsAsync<Errors.OpenStackApiException>(() => Glance(handler).UpdateImageAsync("i", [PatchOperation.Remove("oim_pending")], CancellationToken.None));

        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task A_repeated_DELETE_that_finds_the_image_gone_is_done_but_a_first_404_is_an_error()
    {
        var retried = new ScriptedHandler(ScriptedHandler.Status(503), ScriptedHandler.Status(404));
        await Glance(retried).DeleteImageAsync("i", CancellationToken.None);
        Assert.Equal(2, retried.Attempts.Count);

        var missing = new ScriptedHandler(ScriptedHandler.Status(404));
        await Assert.ThrowsAsync<Errors.OpenStackApiException>(() => Glance(missing).DeleteImageAsync("i", CancellationToken.None));
    }

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> TokenAnswer() => ScriptedHandler.Status(
        201,
        r => r.Headers.TryAddWithoutValidation("X-Subject-Token", "tok"),
        """{"token": {"expires_at": "2099-01-01T00:00:00Z", "issued_at": "2098-12-31T23:00:00Z", "user": {"id": "u"}, "project": {"id": "p"}}}""");

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Truncated() =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream("""{"id": "i", "na"""u8.ToArray())) });

    private static OpenStackHttp Http(HttpMessageHandler handler) => new(new HttpTransportOptions
    {
        PrimaryHandler = () => handler,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RequestTimeout = TimeSpan.FromSeconds(30),
    });

    private static GlanceClient Glance(HttpMessageHandler handler) => new(Http(handler).CreateClient(), s_base, "test", () => []);

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
