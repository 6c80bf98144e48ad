using System.Collections.Concurrent;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// A fixed number of part buffers for one transfer, made on first use. Renting waits while all are
/// out, which is what keeps memory constant: reading pauses until an upload hands its buffer back.
/// </summary>
internal sealed class PartBufferPool(int partSize, int count) : IDisposable
{
    private readonly SemaphoreSlim _available = new(count, count);
    private readonly ConcurrentBag<byte[]> _free = [];

    public int PartSize => partSize;

    public async Task<byte[]> RentAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _free.TryTake(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(partSize);
    }

    public void Return(byte[] buffer)
    {
        _free.Add(buffer);
        _available.Release();
    }

    public void Dispose() => _available.Dispose();
}
