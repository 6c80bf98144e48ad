using System.Collections.Concurrent;
using Amazon.S3;
using Amazon.S3.Model;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// One S3 multipart upload. Parts are sent without aws-chunked encoding (Swift rejects it) and the
/// object only appears on <see cref="CompleteAsync"/>; <see cref="AbortAsync"/> removes every part.
/// </summary>
internal sealed class S3MultipartUpload
{
    private readonly IAmazonS3 _s3;
    private readonly ConcurrentDictionary<int, string> _etags = new();

    private S3MultipartUpload(IAmazonS3 s3, string bucket, string key, string uploadId)
    {
        _s3 = s3;
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
    }

    public string Bucket { get; }

    public string Key { get; }

    public string UploadId { get; }

    public static async Task<S3MultipartUpload> StartAsync(IAmazonS3 s3, string bucket, string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = "application/octet-stream",
        };
        foreach (var (name, value) in metadata)
        {
            request.Metadata.Add(name, value);
        }

        var response = await s3.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
        return new S3MultipartUpload(s3, bucket, key, response.UploadId);
    }

    public async Task UploadPartAsync(int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var response = await _s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = Bucket,
            Key = Key,
            UploadId = UploadId,
            PartNumber = partNumber,
            PartSize = length,
            InputStream = body,
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
        _etags[partNumber] = response.ETag;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = Key,
            UploadId = UploadId,
            PartETags = _etags.OrderBy(p => p.Key).Select(p => new PartETag(p.Key, p.Value)).ToList(),
        };
        await _s3.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Aborts regardless of the caller's cancellation: a cancelled run must not leave parts behind.</summary>
    public Task AbortAsync() =>
        _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = Key, UploadId = UploadId }, CancellationToken.None);
}
