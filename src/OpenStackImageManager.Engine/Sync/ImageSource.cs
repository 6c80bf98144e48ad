using System.Net;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Where the bytes of a version come from: <c>mirror_url</c> first, <c>url</c> when the mirror has no
/// such object (the mirror updater can point at objects not uploaded yet), <c>file:</c>
/// paths. The streaming itself (retries, resume, decompression, hashing) is <see cref="UpstreamSource"/>,
/// the same the S3 mirror uses.
/// </summary>
internal static class ImageSource
{
    /// <summary>The URLs to try, in order.</summary>
    public static IReadOnlyList<string> Candidates(ImageVersion version) =>
        version.MirrorUrl is { } mirror && mirror != version.Url ? [mirror, version.Url] : [version.Url];

    /// <summary>
    /// Opens the version's bytes for streaming into Glance, hashing them in the declared algorithm
    /// (none when <paramref name="checksum"/> is null). Failures become <see cref="OpenStackException"/>s
    /// naming the image, NotFound when the source does not exist.
    /// </summary>
    public static async Task<UpstreamSource> OpenAsync(
        ImageVersion version, ImageChecksum? checksum, UpstreamOptions options, HttpClient http, Action<long>? progress, IOperationLog log, CancellationToken cancellationToken)
    {
        try
        {
            return await UpstreamSource.OpenAsync(Candidates(version), null, checksum, storedSha256: false, options, http, progress, log, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException ex)
        {
            var kind = ex.IsRefused ? OpenStackErrorKind.InvalidRequest : ex.StatusCode == HttpStatusCode.NotFound ? OpenStackErrorKind.NotFound : OpenStackErrorKind.Connection;
            throw new OpenStackException(kind, $"{version.GlanceName}: {ex.Message}", ex) { Target = version.GlanceName };
        }
    }

    /// <summary>The declared checksum the transfer verifies; one that cannot be verified is the definition's error.</summary>
    public static ImageChecksum? Declared(ImageVersion version) =>
        version.Checksum is { Problem: { } problem }
            ? throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{version.GlanceName}: {problem}") { Target = version.GlanceName }
            : version.Checksum;

    /// <summary>The URL Glance should fetch for web-download: the mirror if it has the object, else url.</summary>
    public static Task<string> ResolveForWebDownloadAsync(ImageVersion version, HttpClient http, IOperationLog log, CancellationToken cancellationToken) =>
        ResolveForWebDownloadAsync(version, http, log, null, cancellationToken);

    /// <summary>
    /// As above, and the URL handed to Glance must pass the same <paramref name="policy"/> as what the tool
    /// reads itself: a metadata or loopback address is refused here, before any image is imported from it.
    /// </summary>
    public static async Task<string> ResolveForWebDownloadAsync(ImageVersion version, HttpClient http, FetchPolicy policy, IOperationLog log, CancellationToken cancellationToken)
    {
        var url = await ResolveForWebDownloadAsync(version, http, log, null, cancellationToken).ConfigureAwait(false);
        try
        {
            policy.CheckUrl(new Uri(url));
        }
        catch (FetchRefusedException e)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{version.GlanceName}: {e.Message}", e) { Target = version.GlanceName };
        }

        return url;
    }

    /// <summary>As above; the mirror's HEAD waits at most <paramref name="timeout"/> (default <see cref="UpstreamHttp.ProbeTimeout"/>).</summary>
    internal static async Task<string> ResolveForWebDownloadAsync(ImageVersion version, HttpClient http, IOperationLog log, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (version.MirrorUrl is not { } mirror || mirror == version.Url)
        {
            return version.Url;
        }

        var limit = timeout ?? UpstreamHttp.ProbeTimeout;
        using var head = new HttpRequestMessage(HttpMethod.Head, mirror);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(limit);
            using var response = await http.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, bounded.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return mirror;
            }

            log.Warning($"{version.GlanceName}: the mirror answers {(int)response.StatusCode} for {UpstreamSource.Show(mirror)}; Glance will fetch {UpstreamSource.Show(version.Url)}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            log.Warning($"{version.GlanceName}: the mirror {UpstreamSource.Show(mirror)} cannot be reached ({FetchRefusedException.Find(ex)?.Message ?? ex.Message}); Glance will fetch {UpstreamSource.Show(version.Url)}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Warning($"{version.GlanceName}: the mirror {UpstreamSource.Show(mirror)} gave no answer within {limit.TotalSeconds:0.#} s; Glance will fetch {UpstreamSource.Show(version.Url)}.");
        }

        return version.Url;
    }
}
