using System.Net;
using System.Net.Sockets;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// The small upstream requests of a sync (latest's checksum manifest and Last-Modified, the mirror's
/// HEAD before web-download) go through the shared upstream client, which has no overall timeout:
/// each must bound itself, and a signed URL must not reach the message.
/// </summary>
public sealed class UpstreamProbeTimeoutTests : IDisposable
{
    // Accepts connections (the kernel completes the handshake) and never answers.
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public UpstreamProbeTimeoutTests() => _silent.Start();

    private string Base => $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";

    public void Dispose() => _silent.Stop();

    [Fact]
    public async Task A_checksum_manifest_that_never_comes_is_a_timeout_error_without_the_signature()
    {
        var version = Version($"{Base}/image.img", checksumsUrl: $"{Base}/SHA256SUMS?X-Amz-Signature=sig-secret");

        using var upstream = new UpstreamHttp(new UpstreamOptions { AllowedHosts = ["127.0.0.1"] });
        var error = await Assert.ThrowsAsync<OpenStackException>(() =>
            LatestChecker.CheckAsync(version, upstream.Client, TimeSpan.FromMilliseconds(300), CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(OpenStackErrorKind.Timeout, error.Kind);
        Assert.DoesNotContain("sig-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mirror_that_never_answers_its_HEAD_falls_back_to_the_url()
    {
        var log = new CollectingLog();
        var version = Version("https://upstream.example/image.img", mirrorUrl: $"{Base}/mirror/image.img?X-Amz-Signature=sig-secret");

        using var upstream = new UpstreamHttp(new UpstreamOptions { AllowedHosts = ["127.0.0.1"] });
        var url = await ImageSource.ResolveForWebDownloadAsync(version, upstream.Client, log, TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("https://upstream.example/image.img", url);
        var warning = Assert.Single(log.Warnings);
        Assert.DoesNotContain("sig-secret", warning, StringComparison.Ordinal);
    }

    private static ImageVersion Version(string url, string? checksumsUrl = null, string? mirrorUrl = null) => new()
    {
        Version = "latest",
        DefinitionName = "Test",
        Url = url,
        MirrorUrl = mirrorUrl,
        ChecksumsUrl = checksumsUrl,
        GlanceName = "Test",
    };
}
