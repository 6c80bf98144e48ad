using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Amazon.S3;
using Amazon.S3.Model;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// Mirrors upstream image files into one S3 bucket: HEAD to skip what is already there, else stream
/// upstream → decompress → hash → multipart upload with a fixed number of part buffers, and complete
/// only when the declared checksum matched (abort otherwise, so nothing partial is left).
/// </summary>
public sealed class ImageMirror : IDisposable
{
    private readonly S3Settings _settings;
    private readonly MirrorOptions _options;
    private readonly IOperationLog _log;
    private readonly HttpClient _http;
    private readonly IAmazonS3 _s3;
    private readonly bool _ownsS3;
    private readonly UpstreamHttp? _ownUpstream;

    public ImageMirror(S3Settings settings, MirrorOptions options, IOperationLog log)
        : this(settings, options, log, null, null)
    {
    }

    /// <summary>For tests: a given HTTP client or S3 client. Internal so callers never need the AWS SDK's types.</summary>
    internal ImageMirror(S3Settings settings, MirrorOptions options, IOperationLog log, HttpClient? http, IAmazonS3? s3)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PartSize < MirrorOptions.MinimumPartSize || options.PartBuffers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Parts must be at least 5 MiB and there must be at least one part buffer.");
        }

        _settings = settings;
        _options = options;
        _log = log ?? NullOperationLog.Instance;
        // Without a given client the mirror owns one for its transfers, disposed with it.
        _ownUpstream = http is null ? new UpstreamHttp(options.Upstream) : null;
        _http = http ?? _ownUpstream!.Client;
        _ownsS3 = s3 is null;
        _s3 = s3 ?? S3ClientFactory.Create(settings);
    }

    /// <summary>
    /// Mirrors all <paramref name="requests"/>, at most <paramref name="throttleLimit"/> at a time, and
    /// reports each result through <paramref name="onResult"/> as soon as it is known (from any thread).
    /// </summary>
    public async Task MirrorAllAsync(IReadOnlyList<MirrorRequest> requests, int throttleLimit, Action<MirrorResult> onResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(onResult);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, throttleLimit), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), parallel, async (index, token) =>
        {
            onResult(await MirrorAsync(requests[index], index + 1, token).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    /// <summary>Mirrors one file. Failures come back as a Failed result; only cancellation throws.</summary>
    public async Task<MirrorResult> MirrorAsync(MirrorRequest request, int activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var transfer = new Transfer(request, activityId);
        try
        {
            var result = await SkipIfPresentAsync(transfer, cancellationToken).ConfigureAwait(false)
                ?? await TransferAsync(transfer, cancellationToken).ConfigureAwait(false);
            return result with { Duration = clock.Elapsed };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var (failure, message) = Describe(e, transfer);
            return new MirrorResult
            {
                Definition = request.Definition,
                Version = request.Version,
                SourceUrl = SafeUrl.Show(request.SourceUrl),
                Bucket = _settings.Bucket,
                ObjectKey = request.ObjectKey,
                Status = MirrorStatus.Failed,
                Bytes = transfer.StoredBytes,
                SourceBytes = transfer.SourceBytes,
                Checksum = request.Checksum?.ToString(),
                Compression = SourceDecompression.Name(request.Compression),
                Duration = clock.Elapsed,
                Failure = failure,
                Error = message,
            };
        }
        finally
        {
            _log.Progress(new OperationProgress(activityId, Activity(request), "done", Completed: true));
        }
    }

    private async Task<MirrorResult?> SkipIfPresentAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        var request = transfer.Request;
        transfer.Operation = "HEAD";
        GetObjectMetadataResponse head;
        try
        {
            head = await _s3.GetObjectMetadataAsync(_settings.Bucket, request.ObjectKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            _log.Verbose($"{Where(request)} does not exist yet.");
            return null;
        }

        if (_options.Force)
        {
            _log.Verbose($"{Where(request)} exists; uploading again (-Force).");
            return null;
        }

        if (MirrorObjectMetadata.Mismatch(head, request) is { } reason)
        {
            _log.Verbose($"{Where(request)} exists but {reason}; uploading again.");
            return null;
        }

        _log.Verbose($"{Where(request)} is already mirrored ({head.ContentLength} bytes{(request.Checksum is null ? string.Empty : ", " + request.Checksum.Algorithm + " matches")}); skipped.");
        return Result(request, MirrorStatus.Skipped, head.ContentLength, 0, request.Checksum is not null, sha256: null);
    }

    private async Task<MirrorResult> TransferAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        var request = transfer.Request;
        var fileName = request.SourceUrl.AbsolutePath.Split('/')[^1];
        if (SourceDecompression.IsTarball(fileName))
        {
            throw new MirrorDefinitionException($"{SafeUrl.Show(request.SourceUrl)} is an archive of files (tar/zip), not one image; mirroring archives is not supported.");
        }

        if (request.SourceUrl.Scheme is not ("http" or "https" or "file"))
        {
            throw new MirrorDefinitionException($"Cannot read '{SafeUrl.Show(request.SourceUrl)}': only http, https and file URLs are supported.");
        }

        transfer.Operation = "GET";
        using var source = await UpstreamSource.OpenAsync([SourceText(request.SourceUrl)], request.Compression, request.Checksum, storedSha256: true, _options.Upstream.WithCatalog(request.CatalogFile), _http, null, _log, cancellationToken).ConfigureAwait(false);
        var sourceLength = source.SourceLength;
        var hashes = source.Hashes;

        transfer.Operation = "InitiateMultipartUpload";
        var metadata = MirrorObjectMetadata.For(request, sourceLength);
        var upload = await S3MultipartUpload.StartAsync(_s3, _settings.Bucket, request.ObjectKey, metadata, cancellationToken).ConfigureAwait(false);
        _log.Verbose($"Streaming {SafeUrl.Show(request.SourceUrl)} ({Size(sourceLength)}{(request.Compression == SourceCompression.None ? string.Empty : ", " + SourceDecompression.Name(request.Compression) + "-compressed")}) into {Where(request)}.");
        var completed = false;
        try
        {
            await UploadPartsAsync(transfer, source, upload, cancellationToken).ConfigureAwait(false);
            var verified = hashes.Verify(out var verification);
            if (request.Checksum is not null && !verified)
            {
                throw new ChecksumMismatchException(
                    $"{SafeUrl.Show(request.SourceUrl)} does not match the declared {request.Checksum}: {verification}. The multipart upload was aborted; nothing was stored at {Where(request)}.");
            }

            transfer.Operation = "CompleteMultipartUpload";
            await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
            completed = true;
            var sha256 = hashes.StoredSha256();
            _log.Verbose($"Stored {Where(request)}: {transfer.StoredBytes} bytes, sha256 {sha256}{(request.Checksum is null ? ", no checksum declared" : ", " + verification)}" +
                (source.Resumes > 0 ? $", download resumed {source.Resumes} time(s)." : "."));
            return Result(request, MirrorStatus.Uploaded, transfer.StoredBytes, transfer.SourceBytes, verified && request.Checksum is not null, sha256);
        }
        finally
        {
            if (!completed)
            {
                await AbortQuietlyAsync(upload).ConfigureAwait(false);
            }
        }
    }

    private async Task UploadPartsAsync(Transfer transfer, UpstreamSource source, S3MultipartUpload upload, CancellationToken cancellationToken)
    {
        var sourceLength = source.SourceLength;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var pool = new PartBufferPool(PartSize(sourceLength), _options.PartBuffers);
        var uploads = new List<Task>();
        var partNumber = 0;
        var lastReport = Stopwatch.StartNew();
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            while (true)
            {
                var buffer = await pool.RentAsync(failed.Token).ConfigureAwait(false);
                int filled;
                try
                {
                    transfer.Operation = "GET";
                    filled = await FillAsync(source.Content, buffer, failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    pool.Return(buffer);
                    throw;
                }

                transfer.StoredBytes = source.StoredBytes;
                transfer.SourceBytes = source.SourceBytes;
                if (filled == 0 && partNumber > 0)
                {
                    pool.Return(buffer);
                    break;
                }

                if (++partNumber > 10_000)
                {
                    pool.Return(buffer);
                    throw new MirrorDefinitionException($"The image is larger than S3's 10000 parts of {pool.PartSize} bytes.");
                }

                uploads.Add(UploadPartAsync(upload, partNumber, buffer, filled, pool, failed));
                if (lastReport.ElapsedMilliseconds >= 500 || filled < buffer.Length)
                {
                    Report(transfer, sourceLength);
                    lastReport.Restart();
                }

                if (filled < buffer.Length)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            readFailure = ExceptionDispatchInfo.Capture(e);
        }

        // Every started part is awaited before the caller completes or aborts the upload. A failed part
        // cancels the reading, so its error, not the cancellation it caused, is the one to report.
        await Task.WhenAll(uploads.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        if (uploads.FirstOrDefault(t => t.IsFaulted) is { } failedPart && !cancellationToken.IsCancellationRequested)
        {
            transfer.Operation = "UploadPart";
            await failedPart.ConfigureAwait(false);
        }

        readFailure?.Throw();
        await Task.WhenAll(uploads).ConfigureAwait(false);
    }

    private static async Task UploadPartAsync(S3MultipartUpload upload, int partNumber, byte[] buffer, int length, PartBufferPool pool, CancellationTokenSource failed)
    {
        try
        {
            await upload.UploadPartAsync(partNumber, buffer, length, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            // Stop reading and the other parts: this transfer is lost anyway.
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> completely unless the stream ends first.</summary>
    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>A file URI as <c>file:///…</c> (a Uri made from a bare path keeps the bare path as its original string).</summary>
    private static string SourceText(Uri url) => url.IsFile ? url.AbsoluteUri : url.OriginalString;

    /// <summary>The configured part size, raised when a known length would need more than 10000 parts.</summary>
    private int PartSize(long? sourceLength)
    {
        const long maxParts = 9_000;
        if (sourceLength is { } length && length / _options.PartSize >= maxParts)
        {
            var needed = (length / maxParts) + 1;
            var rounded = ((needed + (1 << 20) - 1) >> 20) << 20;
            return (int)Math.Min(rounded, 1L << 30);
        }

        return _options.PartSize;
    }

    private async Task AbortQuietlyAsync(S3MultipartUpload upload)
    {
        try
        {
            await upload.AbortAsync().ConfigureAwait(false);
            _log.Verbose($"Aborted the multipart upload of {_settings.Bucket}/{upload.Key}.");
        }
        catch (Exception e)
        {
            var (_, message) = S3Errors.Describe(e, "AbortMultipartUpload", _settings, upload.Key);
            _log.Warning($"{message}. Parts of upload {upload.UploadId} may remain until the bucket's lifecycle removes them.");
        }
    }

    private void Report(Transfer transfer, long? sourceLength)
    {
        var percent = sourceLength is > 0 ? (int)Math.Min(100, transfer.SourceBytes * 100 / sourceLength.Value) : -1;
        var status = transfer.Request.Compression == SourceCompression.None
            ? $"{Size(transfer.StoredBytes)} of {Size(sourceLength)}"
            : $"{Size(transfer.SourceBytes)} of {Size(sourceLength)} read, {Size(transfer.StoredBytes)} stored";
        _log.Progress(new OperationProgress(transfer.ActivityId, Activity(transfer.Request), status, percent));
    }

    private (MirrorFailure, string) Describe(Exception e, Transfer transfer) => e switch
    {
        ChecksumMismatchException => (MirrorFailure.ChecksumMismatch, e.Message),
        MirrorDefinitionException => (MirrorFailure.InvalidDefinition, e.Message),
        UpstreamException or HttpRequestException or IOException when transfer.Operation == "GET" =>
            (MirrorFailure.SourceUnavailable, _settings.Credentials.Redact(e.Message)),
        InvalidDataException or FormatException when transfer.Operation == "GET" =>
            (MirrorFailure.ChecksumMismatch, $"{SafeUrl.Show(transfer.Request.SourceUrl)} is not valid {SourceDecompression.Name(transfer.Request.Compression)} data: {e.Message}"),
        _ => S3Errors.Describe(e, transfer.Operation, _settings, transfer.Request.ObjectKey),
    };

    private MirrorResult Result(MirrorRequest request, MirrorStatus status, long bytes, long sourceBytes, bool verified, string? sha256) => new()
    {
        Definition = request.Definition,
        Version = request.Version,
        SourceUrl = SafeUrl.Show(request.SourceUrl),
        Bucket = _settings.Bucket,
        ObjectKey = request.ObjectKey,
        Status = status,
        Bytes = bytes,
        SourceBytes = sourceBytes,
        ChecksumVerified = verified,
        Checksum = request.Checksum?.ToString(),
        Sha256 = sha256,
        Compression = SourceDecompression.Name(request.Compression),
    };

    private string Where(MirrorRequest request) => $"{_settings.Bucket}/{request.ObjectKey}";

    private static string Activity(MirrorRequest request) => $"Mirroring {request.Definition} {request.Version}";

    private static string Size(long? bytes) => bytes switch
    {
        null => "size unknown",
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value / (double)(1L << 30):0.00} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes.Value} bytes"),
    };

    public void Dispose()
    {
        _ownUpstream?.Dispose();
        if (_ownsS3)
        {
            _s3.Dispose();
        }
    }

    /// <summary>Mutable state of one transfer, for progress and for saying which step failed.</summary>
    private sealed class Transfer(MirrorRequest request, int activityId)
    {
        public MirrorRequest Request { get; } = request;

        public int ActivityId { get; } = activityId;

        public string Operation { get; set; } = "HEAD";

        public long SourceBytes { get; set; }

        public long StoredBytes { get; set; }
    }
}
