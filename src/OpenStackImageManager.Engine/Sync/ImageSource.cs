using System.IO.Compression;
using System.Net;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Where the bytes of a version come from: <c>mirror_url</c> first, <c>url</c> when the mirror has no
/// such object (404/403/410, as the mirror updater can point at objects not uploaded yet, upstream
/// #1268), <c>file:</c> paths. Compressed sources are unpacked on the fly: gzip with .NET, bzip2, xz
/// and zstd with SharpCompress. The declared checksum is over the file as published, so it is
/// computed on the compressed bytes.
/// </summary>
internal sealed class ImageSource : IDisposable
{
    private readonly IDisposable? _response;

    private ImageSource(string url, HashingStream raw, Stream content, long? length, IDisposable? response)
    {
        Url = url;
        Raw = raw;
        Content = content;
        Length = length;
        _response = response;
    }

    /// <summary>The URL actually read.</summary>
    public string Url { get; }

    /// <summary>The bytes as published: counts and hashes them.</summary>
    public HashingStream Raw { get; }

    /// <summary>What goes to Glance (unpacked when the source was compressed).</summary>
    public Stream Content { get; }

    /// <summary>The length of <see cref="Content"/> when known (uncompressed sources with Content-Length).</summary>
    public long? Length { get; }

    public static async Task<ImageSource> OpenAsync(ImageVersion version, string? checksumAlgorithm, Action<long>? progress, IOperationLog log, CancellationToken cancellationToken)
    {
        var candidates = version.MirrorUrl is { } mirror && mirror != version.Url ? new[] { mirror, version.Url } : [version.Url];
        for (var i = 0; ; i++)
        {
            var url = candidates[i];
            var last = i == candidates.Length - 1;
            if (IsFile(url))
            {
                var path = LocalPath(url);
                if (!File.Exists(path))
                {
                    if (!last)
                    {
                        log.Warning($"{version.GlanceName}: {url} does not exist; using {candidates[i + 1]}.");
                        continue;
                    }

                    throw new OpenStackException(OpenStackErrorKind.NotFound, $"{version.GlanceName}: the source file {path} does not exist") { Target = version.GlanceName };
                }

                var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
                return Wrap(url, file, file.Length, null, checksumAlgorithm, progress);
            }

            var request = new HttpRequestMessage(HttpMethod.Get, url);
            HttpResponseMessage response;
            try
            {
                response = await UpstreamHttp.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                request.Dispose();
                if (!last)
                {
                    log.Warning($"{version.GlanceName}: {url} cannot be read ({ex.Message}); using {candidates[i + 1]}.");
                    continue;
                }

                throw new OpenStackException(OpenStackErrorKind.Connection, $"{version.GlanceName}: GET {url} failed: {ex.Message}", ex) { Target = version.GlanceName };
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                request.Dispose();
                if (!last && status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
                {
                    log.Warning($"{version.GlanceName}: the mirror answers {(int)status} for {url}; using {candidates[i + 1]}.");
                    continue;
                }

                throw new OpenStackException(status == HttpStatusCode.NotFound ? OpenStackErrorKind.NotFound : OpenStackErrorKind.Connection,
                    $"{version.GlanceName}: GET {url} answered {(int)status} {status}") { Target = version.GlanceName };
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return Wrap(url, body, response.Content.Headers.ContentLength, new Disposables(response, request), checksumAlgorithm, progress);
        }
    }

    /// <summary>The URL Glance should fetch for web-download: the mirror if it has the object, else url.</summary>
    public static async Task<string> ResolveForWebDownloadAsync(ImageVersion version, IOperationLog log, CancellationToken cancellationToken)
    {
        if (version.MirrorUrl is not { } mirror || mirror == version.Url)
        {
            return version.Url;
        }

        using var head = new HttpRequestMessage(HttpMethod.Head, mirror);
        try
        {
            using var response = await UpstreamHttp.Client.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return mirror;
            }

            log.Warning($"{version.GlanceName}: the mirror answers {(int)response.StatusCode} for {mirror}; Glance will fetch {version.Url}.");
        }
        catch (HttpRequestException ex)
        {
            log.Warning($"{version.GlanceName}: the mirror {mirror} cannot be reached ({ex.Message}); Glance will fetch {version.Url}.");
        }

        return version.Url;
    }

    public static bool IsFile(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>file:///abs</c>, <c>file:/abs</c> and <c>file:relative</c> (to the current directory).</summary>
    public static string LocalPath(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return uri.LocalPath;
        }

        return Path.GetFullPath(Uri.UnescapeDataString(url["file:".Length..]));
    }

    public void Dispose()
    {
        Content.Dispose();
        Raw.Dispose();
        _response?.Dispose();
    }

    private static ImageSource Wrap(string url, Stream body, long? length, IDisposable? response, string? algorithm, Action<long>? progress)
    {
        var raw = new HashingStream(body, algorithm, progress);
        var compression = ImportMethods.CompressionOf(url);
        Stream content = compression switch
        {
            ".gz" => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true),
            ".bz2" => BZip2Stream.Create(raw, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true),
            ".xz" => new XZStream(raw),
            ".zst" => new DecompressionStream(raw, leaveOpen: true),
            _ => raw,
        };
        return new ImageSource(url, raw, content, compression is null ? length : null, response);
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
