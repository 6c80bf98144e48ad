using System.Globalization;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// <c>version: latest</c>: the upstream digest decides whether there is a new build (the Python tool's
/// rule): <c>checksums_url</c> is a manifest whose line naming the URL's file carries the digest,
/// <c>checksum_url</c> holds one bare digest. internal_version of a new import is the source's
/// Last-Modified date (yyyyMMdd), else "latest".
/// </summary>
internal static partial class LatestChecker
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
        catch (HttpRequestException ex)
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
    /// The digest of the URL's file in a checksums manifest: the first line that names exactly that
    /// file, "<c>digest  file</c>" (also "<c>*file</c>", binary mode) or BSD style
    /// "<c>SHA256 (file) = digest</c>". A line naming <c>file.asc</c> or <c>other-file</c> is not it.
    /// </summary>
    internal static string? FromManifest(string manifest, string url)
    {
        var file = Path.GetFileName(new Uri(url).AbsolutePath);
        foreach (var line in manifest.Split('\n'))
        {
            var tokens = line.Split([' ', '\t', '=', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (!tokens.Any(t => Names(t, file)))
            {
                continue;
            }

            if (tokens.FirstOrDefault(t => Digest().IsMatch(t)) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    private static bool Names(string token, string file)
    {
        var name = token.TrimStart('*').Trim('(', ')');
        return name == file || name.EndsWith("/" + file, StringComparison.Ordinal);
    }

    internal static string? FromSingle(string body)
    {
        var token = body.Trim().Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return token is not null && Digest().IsMatch(token) ? token : null;
    }

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
        catch (HttpRequestException)
        {
            return "latest";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "latest";
        }
    }

    [GeneratedRegex("^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})$")]
    private static partial Regex Digest();
}
