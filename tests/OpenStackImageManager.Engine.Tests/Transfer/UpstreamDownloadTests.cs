using System.Diagnostics;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Tests.Transfer;

/// <summary>Opening an upstream file over HTTP is bounded in time even though the shared client has no overall timeout.</summary>
public sealed class UpstreamDownloadTests
{
    [Fact]
    public async Task A_server_that_never_answers_fails_after_the_read_timeout_on_every_attempt()
    {
        var handler = new SilentHandler();
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new UpstreamOptions { OpenAttempts = 2, ReadTimeout = TimeSpan.FromMilliseconds(200), FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UpstreamException>(() =>
            UpstreamSource.OpenAsync(["http://127.0.0.1:9/image.raw?X-Amz-Signature=abc"], null, null, storedSha256: false, options, client, null, NullOperationLog.Instance, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, handler.Calls);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var client = new HttpClient(new SilentHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var options = new UpstreamOptions { ReadTimeout = TimeSpan.FromMinutes(5) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            UpstreamSource.OpenAsync(["http://127.0.0.1:9/image.raw"], null, null, storedSha256: false, options, client, null, NullOperationLog.Instance, stop.Token))
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Accepts the request and never sends headers: only cancellation ends the wait.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        }
    }
}
