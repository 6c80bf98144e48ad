using System.Globalization;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// <c>version: latest</c>: the upstream digest decides whether there is a new build (the Python tool's
/// rule): <c>checksums_url</c> is a manifest whose line naming the URL's file carries the digest,
/// <c>checksum_url</c> holds one bare digest. internal_version of a new import is the source's
/// Last-Modified date (yyyyMMdd), else "latest".
/// </summary>
internal static class LatestChecker
{
    public static Task<LatestInfo> CheckAsync(ImageVersion version, HttpClient http, CancellationToken cancellationToken) =>
        CheckAsync(version, http, UpstreamHttp.ProbeTimeout, cancellationToken);

    /// <summary>As <see cref="CheckAsync(ImageVersion, HttpClient, CancellationToken)"/>, each upstream request bounded by <paramref name="timeout"/>.</summary>
    internal static async Task<LatestInfo> CheckAsync(ImageVersion version, HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = version.ChecksumsUrl ?? version.ChecksumUrl
            ?? throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{version.GlanceName}: version latest needs checksums_url or checksum_url") { Target = version.GlanceName };
        string body;
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            body = await http.GetStringAsync(url, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (FetchRefusedException.Find(ex) is { } refused)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{version.GlanceName}: {refused.Message}", ex) { Target = version.GlanceName };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
        {
            throw new OpenStackException(OpenStackErrorKind.Connection, $"{version.GlanceName}: GET {UpstreamSource.Show(url)} failed: {ex.Message}", ex) { Target = version.GlanceName };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenStackException(OpenStackErrorKind.Timeout, $"{version.GlanceName}: GET {UpstreamSource.Show(url)} gave no answer within {timeout.TotalSeconds:0.#} s", ex) { Target = version.GlanceName };
        }

        var digest = version.ChecksumsUrl is not null ? FromManifest(body, version.Url) : FromSingle(body);
        if (digest is null)
        {
            throw new OpenStackException(OpenStackErrorKind.NotFound, $"{version.GlanceName}: {UpstreamSource.Show(url)} has no digest for {Path.GetFileName(new Uri(version.Url).AbsolutePath)}") { Target = version.GlanceName };
        }

        return new LatestInfo(digest.ToLowerInvariant(), await LastModifiedAsync(version.DownloadUrl, http, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The digest of the URL's file in a checksums manifest, read by the one manifest reader (GNU
    /// "<c>digest  file</c>", "<c>*file</c>", BSD "<c>SHA256 (file) = digest</c>", signed manifests): the
    /// entry that names exactly that file, not <c>file.asc</c> or <c>other-file</c>.
    /// </summary>
    internal static string? FromManifest(string manifest, string url) =>
        ChecksumManifest.Find(ChecksumManifest.Parse(manifest), Path.GetFileName(new Uri(url).AbsolutePath))?.Checksum.Value;

    /// <summary>A file holding one digest (optionally followed by the file name).</summary>
    internal static string? FromSingle(string body) =>
        ImageChecksum.FromDigest(body.Trim().Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())?.Value;

    private static async Task<string> LastModifiedAsync(string url, HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (LocalFile.IsFile(url))
        {
            var path = LocalFile.PathOf(url);
            return File.Exists(path) ? File.GetLastWriteTimeUtc(path).ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "latest";
        }

        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            using var head = new HttpRequestMessage(HttpMethod.Head, url);
            using var response = await http.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, bounded.Token).ConfigureAwait(false);
            return response.Content.Headers.LastModified is { } modified ? modified.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "latest";
        }
        catch (Exception ex) when (FetchRefusedException.Find(ex) is { } refused)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{refused.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
        {
            return "latest";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "latest";
        }
    }

}
