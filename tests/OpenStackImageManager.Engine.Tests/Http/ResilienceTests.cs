using System.Net;
using System.Text;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Tests.Http;

/// <summary>
/// The one retry policy and the timeouts over an in-process handler, for answers a real Glance does not
/// give on demand: what a GET retries that a POST does not, truncated bodies, Retry-After.
/// </summary>
public sealed class ResilienceTests
{
    private static readonly Uri s_base = new("http://glance.test/v2/");

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_service_asked_for()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status(429, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1))),
            ScriptedHandler.Status(200, body: """{"images": []}"""));
        var glance = Client(handler);

        var images = await glance.ListImagesAsync(new ImageQuery(), CancellationToken.None).ToListAsync();

        Assert.Empty(images);
        var attempts = handler.Attempts.ToArray();
        Assert.Equal(2, attempts.Length);
        // Backoff alone would wait 10 ms here; Retry-After asks for a second.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950), $"waited {(attempts[1].At - attempts[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_is_retried_for_a_POST_too_because_the_service_did_nothing()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status(429),
            ScriptedHandler.Status(201, body: """{"id": "x", "name": "n", "status": "queued"}"""));

        var image = await Client(handler).CreateImageAsync(new System.Text.Json.Nodes.JsonObject { ["name"] = "n" }, CancellationToken.None);

        Assert.Equal("x", image.Id);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_gateway_or_unavailable_answer_is_retried_for_a_GET(int status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(status), ScriptedHandler.Status(status), ScriptedHandler.Status(200, body: """{"id": "i"}"""));

        var image = await Client(handler).GetImageAsync("i", CancellationToken.None);

        Assert.Equal("i", image.Id);
        Assert.Equal(3, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_503_is_not_retried_for_a_POST_and_the_error_says_what_was_tried()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(503, r => r.Headers.Add("X-Openstack-Request-Id", "req-42"), """{"message": "Service busy"}"""));

        var error = await Assert.ThrowsAsync<OpenStackApiException>(() =>
            Client(handler).CreateImageAsync(new System.Text.Json.Nodes.JsonObject { ["name"] = "n" }, CancellationToken.None));

        Assert.Single(handler.Attempts);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, OpenStackErrorKind.ServiceUnavailable, "req-42"), (error.Status, error.Kind, error.RequestId));
        Assert.Equal("Glance POST /v2/images failed: 503 ServiceUnavailable: Service busy [request req-42]", error.Message);
    }

    [Fact]
    public async Task A_connection_fault_is_retried_for_a_GET_and_not_for_a_POST()
    {
        var get = new ScriptedHandler(ScriptedHandler.Fault(), ScriptedHandler.Status(200, body: """{"id": "i"}"""));
        var post = new ScriptedHandler(ScriptedHandler.Fault(), ScriptedHandler.Status(201, body: """{"id": "i"}"""));

        await Client(get).GetImageAsync("i", CancellationToken.None);
        var error = await Assert.ThrowsAsync<OpenStackTransportException>(() =>
            Client(post).CreateImageAsync(new System.Text.Json.Nodes.JsonObject(), CancellationToken.None));

        Assert.Equal(2, get.Attempts.Count);
        Assert.Single(post.Attempts);
        Assert.Equal((OpenStackErrorKind.Connection, 1), (error.Kind, error.Attempts));
        Assert.Contains("reset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_stop_after_the_limit_with_the_number_of_attempts_in_the_error()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Fault());

        var error = await Assert.ThrowsAsync<OpenStackTransportException>(() => Client(handler, maxRetries: 2).GetImageAsync("i", CancellationToken.None));

        Assert.Equal(3, handler.Attempts.Count);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("GET /v2/images/i on http://glance.test failed after 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_without_an_answer_times_out_and_is_retried()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang(), ScriptedHandler.Status(200, body: """{"id": "i"}"""));

        var image = await Client(handler, timeout: TimeSpan.FromMilliseconds(200)).GetImageAsync("i", CancellationToken.None);

        Assert.Equal("i", image.Id);
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_request_that_never_answers_ends_as_a_timeout_error()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang());

        var error = await Assert.ThrowsAsync<OpenStackTransportException>(() =>
            Client(handler, maxRetries: 1, timeout: TimeSpan.FromMilliseconds(100)).GetImageAsync("i", CancellationToken.None));

        Assert.Equal(OpenStackErrorKind.Timeout, error.Kind);
        Assert.Contains("request timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_is_exempt_from_the_request_timeout_and_never_retried()
    {
        var slow = new ScriptedHandler(async (_, token) =>
        {
            await Task.Delay(400, token);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var failing = new ScriptedHandler(ScriptedHandler.Status(503));

        await Client(slow, timeout: TimeSpan.FromMilliseconds(100)).UploadAsync("i", new MemoryStream(new byte[10]), 10, CancellationToken.None);
        await Assert.ThrowsAsync<OpenStackApiException>(() => Client(failing).UploadAsync("i", new MemoryStream(new byte[10]), 10, CancellationToken.None));

        Assert.Single(failing.Attempts);
    }

    [Fact]
    public async Task Cancellation_stops_retrying_at_once()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var handler = new ScriptedHandler(ScriptedHandler.Status(503, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).GetImageAsync("i", cancel.Token));

        Assert.Single(handler.Attempts);
    }

    [Fact]
    public void Retry_After_as_a_date_is_the_time_until_then()
    {
        var now = DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(response, now));
    }

    [Fact]
    public async Task Every_request_carries_a_User_Agent_with_the_module_version()
    {
        string? agent = null;
        var handler = new ScriptedHandler((request, _) =>
        {
            agent = request.Headers.UserAgent.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id": "i"}""", Encoding.UTF8, "application/json") });
        });

        await Client(handler).GetImageAsync("i", CancellationToken.None);

        Assert.StartsWith("OpenStackImageManager/", agent, StringComparison.Ordinal);
    }

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

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(4, 8.0)]
    public void Waits_double_per_retry_with_jitter_of_half_either_way(int retry, double nominalSeconds)
    {
        for (var i = 0; i < 50; i++)
        {
            var wait = RetryPolicy.Backoff(retry, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)).TotalSeconds;
            Assert.InRange(wait, nominalSeconds * 0.5, nominalSeconds * 1.5);
        }
    }

    [Fact]
    public void No_wait_is_longer_than_the_longest()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.Backoff(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
    }

    private static GlanceClient Client(HttpMessageHandler handler, int maxRetries = 4, TimeSpan? timeout = null)
    {
        var http = new OpenStackHttp(new HttpTransportOptions
        {
            PrimaryHandler = () => handler,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
        });
        return new GlanceClient(http.CreateClient(), s_base, "test", () => []);
    }

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
