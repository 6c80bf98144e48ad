using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// An upstream image file opened for streaming, shared by the S3 mirror and the Glance importer:
/// the first candidate URL that exists (a mirror first, the original URL when the mirror has no such
/// object: the mirror updater can point at objects not uploaded yet), read through <see cref="UpstreamDownload"/> (retries, Range/If-Range
/// resume) or from a <c>file:</c> path below the catalog's folder (<see cref="FetchPolicy"/>), hashed as published, decompressed on the fly and hashed again
/// as stored, so the declared checksum is verified without holding or writing the image.
/// </summary>
internal sealed class UpstreamSource : IDisposable
{
    private readonly HashingReadStream _raw;
    private readonly HashingReadStream? _stored;
    private readonly UpstreamDownload? _download;

    private UpstreamSource(string url, Stream body, long? length, SourceCompression compression, TransferHashes hashes, Action<long>? progress)
    {
        Url = url;
        SourceLength = length;
        Compression = compression;
        Hashes = hashes;
        _download = body as UpstreamDownload;
        _raw = new HashingReadStream(body, hashes.OverSource, compression == SourceCompression.None ? progress : null);
        _stored = compression == SourceCompression.None
            ? null
            : new HashingReadStream(SourceDecompression.Open(_raw, compression), hashes.OverStored, progress);
        Content = (Stream?)_stored ?? _raw;
    }

    /// <summary>The candidate actually read (as given; show it with <see cref="SafeUrl"/> when it may be signed).</summary>
    public string Url { get; }

    /// <summary>The upstream file's length when known (Content-Length, file size).</summary>
    public long? SourceLength { get; }

    /// <summary>The length of <see cref="Content"/> when known: only for an uncompressed source.</summary>
    public long? ContentLength => Compression == SourceCompression.None ? SourceLength : null;

    public SourceCompression Compression { get; }

    /// <summary>The decompressed bytes, for Glance or S3. Disposing the source disposes the chain.</summary>
    public Stream Content { get; }

    public TransferHashes Hashes { get; }

    public long SourceBytes => _raw.BytesRead;

    public long StoredBytes => _stored?.BytesRead ?? _raw.BytesRead;

    /// <summary>How often an interrupted HTTP body was resumed.</summary>
    public int Resumes => _download?.Resumes ?? 0;

    /// <summary>
    /// Opens the first of <paramref name="candidates"/> that exists. A later candidate is tried when an
    /// earlier one is missing (404/403/410, no such file) or cannot be read after its retries; the last
    /// one's failure is thrown as <see cref="UpstreamException"/>. Without a given
    /// <paramref name="compression"/> it follows from the name of the URL actually read (a mirror may
    /// hold the decompressed file); <paramref name="progress"/> gets the decompressed byte count.
    /// </summary>
    public static async Task<UpstreamSource> OpenAsync(
        IReadOnlyList<string> candidates, SourceCompression? compression, ImageChecksum? checksum, bool storedSha256, UpstreamOptions options,
        HttpClient? http, Action<long>? progress, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        for (var i = 0; ; i++)
        {
            var url = candidates[i];
            try
            {
                var (body, length) = await OpenBodyAsync(url, options, http, log, cancellationToken).ConfigureAwait(false);
                var packed = compression ?? SourceDecompression.FromFileName(PathOf(url));
                return new UpstreamSource(url, body, length, packed, new TransferHashes(checksum, packed, storedSha256), progress);
            }
            catch (UpstreamException e) when (i < candidates.Count - 1)
            {
                log.Warning($"{(e.IsMissing ? "The mirror has no" : "The mirror cannot serve")} {Show(url)} ({e.Message}); reading {Show(candidates[i + 1])} instead.");
            }
        }
    }

    public void Dispose()
    {
        Content.Dispose();
        _raw.Dispose();
        Hashes.Dispose();
    }

    /// <summary>The path part of a URL, for its file name's compression extension (the query is not part of it).</summary>
    public static string PathOf(string url) =>
        LocalFile.IsFile(url) ? LocalFile.PathOf(url) : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url.Split('?', '#')[0];

    public static string Show(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile ? SafeUrl.Show(uri) : url;

    private static async Task<(Stream Body, long? Length)> OpenBodyAsync(string url, UpstreamOptions options, HttpClient? http, IOperationLog log, CancellationToken cancellationToken)
    {
        if (LocalFile.IsFile(url))
        {
            string path;
            try
            {
                path = FetchPolicy.For(options).CheckFile(url);
            }
            catch (FetchRefusedException e)
            {
                throw new UpstreamException(e.Message, e) { IsRefused = true };
            }

            if (!File.Exists(path))
            {
                throw new UpstreamException($"{path} does not exist.") { StatusCode = System.Net.HttpStatusCode.NotFound };
            }

            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
            return (file, file.Length);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UpstreamException($"Cannot read '{Show(url)}': only http, https and file URLs are supported.") { IsRefused = true };
        }

        if (http is null)
        {
            throw new InvalidOperationException($"reading {Show(url)} needs the run's upstream HTTP client; none was given");
        }

        var download = await UpstreamDownload.OpenAsync(http, uri, options, log, cancellationToken).ConfigureAwait(false);
        return (download, download.FileLength);
    }
}
