namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The forward-only, read-only stream shape of the transfer streams: they are read once, front to
/// back, and report how far they got as <see cref="Position"/>.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => ReadSoFar;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes handed out so far.</summary>
    protected abstract long ReadSoFar { get; }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
