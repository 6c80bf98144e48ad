using System.Security.Cryptography;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// A read-only pass-through that hashes and counts the bytes as they are read, so a download is
/// verified while it streams into Glance (never held in memory, never written to disk).
/// </summary>
internal sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash? _hash;
    private readonly Action<long>? _progress;
    private long _lastReport;

    // HttpClient disposes the body it sent; the digest is kept for the caller that asks afterwards.
    private string? _digest;

    /// <summary>Hashes with <paramref name="algorithm"/> (md5, sha1, sha256, sha384, sha512; null counts only).</summary>
    public HashingStream(Stream inner, string? algorithm, Action<long>? progress)
    {
        _inner = inner;
        _hash = algorithm is null ? null : IncrementalHash.CreateHash(NameOf(algorithm));
        _progress = progress;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>The lower-case hex digest of everything read; call once, after the end.</summary>
    public string? Digest() => _digest ??= _hash is null ? null : Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            Digest();
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static HashAlgorithmName NameOf(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        "md5" => HashAlgorithmName.MD5,
        "sha1" => HashAlgorithmName.SHA1,
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => throw new NotSupportedException($"checksum algorithm '{algorithm}' is not supported"),
    };

    private void Account(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _hash?.AppendData(data);
        BytesRead += data.Length;
        // About every 8 MiB, so progress costs nothing next to the transfer.
        if (_progress is not null && BytesRead - _lastReport >= 8 << 20)
        {
            _lastReport = BytesRead;
            _progress(BytesRead);
        }
    }
}
