using System.Security.Cryptography;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// Passes reads through, feeds every byte read into the given hashes and counts them, so a download
/// is verified while it streams on (never held in memory, never written to disk).
/// </summary>
internal sealed class HashingReadStream(Stream inner, IReadOnlyList<IncrementalHash> hashes, Action<long>? progress = null) : ReadOnlyStream
{
    // About every 8 MiB, so progress costs nothing next to the transfer.
    private const long ProgressStep = 8 << 20;

    private long _lastReport;

    public long BytesRead { get; private set; }

    protected override long ReadSoFar => BytesRead;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Feed(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Feed(buffer.Span[..read]);
        return read;
    }

    private void Feed(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        foreach (var hash in hashes)
        {
            hash.AppendData(data);
        }

        BytesRead += data.Length;
        if (progress is not null && BytesRead - _lastReport >= ProgressStep)
        {
            _lastReport = BytesRead;
            progress(BytesRead);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
