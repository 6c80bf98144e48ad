using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>
/// The catalog lease one run holds for (project, managed tag) while it changes images: renewed in the
/// background while the run lasts, released when it is disposed (after success, failure or cancellation).
/// When it cannot be renewed before it expires, or a newer epoch exists (another run took it over after
/// it lapsed), <see cref="Lost"/> is cancelled and the run must stop. See docs/BEHAVIOUR.md, "Overlapping runs".
/// </summary>
public sealed class CatalogLease : IAsyncDisposable
{
    private static readonly TimeSpan ReleaseDeadline = TimeSpan.FromSeconds(15);
    private const int MaxRacesLost = 20;
    private readonly LeaseStore _store;
    private readonly LeaseOptions _options;
    private readonly IOperationLog _log;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private int _disposed;

    private CatalogLease(LeaseStore store, LeaseRecord record, LeaseOptions options, IOperationLog log, IReadOnlyList<LeaseRecord>? former = null)
    {
        _store = store;
        Record = record;
        _options = options;
        _log = log;
        // The former epochs are deleted in the background: the run's work need not wait for it.
        FormerEpochsDeleted = Task.Run(() => DeleteFormerAsync(former ?? []));
        _renewal = Task.Run(RenewLoopAsync);
    }

    /// <summary>Ends when the former epochs' images are deleted (or could not be: the next run that takes the lease tries again).</summary>
    internal Task FormerEpochsDeleted { get; }

    /// <summary>The lease as last written: epoch, holder, expiry.</summary>
    public LeaseRecord Record { get; private set; }

    /// <summary>Cancelled when the lease is lost; the run's work is linked to it.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost, once it was.</summary>
    public string? LostBecause { get; private set; }

    /// <summary>
    /// Takes the lease for <paramref name="runId"/>: at once when nobody holds it, when its holder
    /// released it, or when it expired (taken over, with a warning naming the former holder). While another
    /// run holds it, looks again every <see cref="LeaseOptions.PollEvery"/> up to <see cref="LeaseOptions.Wait"/>,
    /// then throws <see cref="LeaseHeldException"/> naming the holder and its expiry.
    /// </summary>
    internal static async Task<CatalogLease> AcquireAsync(LeaseStore store, string runId, string cloud, LeaseOptions options, IOperationLog log, CancellationToken cancellationToken)
    {
        var clock = options.Clock;
        var holder = LeaseHolderText.Describe();
        var started = clock.GetUtcNow();
        var announced = false;
        var racesLost = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochs = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var current = epochs.FirstOrDefault();
            var now = clock.GetUtcNow();
            if (current is not null && current.RunId == runId && !current.Released)
            {
                // Ours already (a create whose answer was lost on the way back).
                return new CatalogLease(store, current, options, log);
            }

            if (current is not null && current.IsLive(now))
            {
                var waited = now - started;
                if (waited >= options.Wait)
                {
                    throw new LeaseHeldException(cloud, store.ManagedTag, current, waited);
                }

                if (!announced)
                {
                    log.Warning($"Waiting up to {(int)options.Wait.TotalSeconds} s for the catalog lease of '{store.ManagedTag}' in {cloud}, held by {current}.");
                    announced = true;
                }

                var pause = options.Wait - waited < options.PollEvery ? options.Wait - waited : options.PollEvery;
                await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var won = await TryNextEpochAsync(store, (current?.Epoch ?? 0) + 1, runId, holder, clock.GetUtcNow() + options.Duration, cancellationToken).ConfigureAwait(false);
            if (won is null)
            {
                // Another run won the next epoch first: look at what it holds. A winner the listing never
                // shows would loop here forever, so the races a run may lose in a row are bounded.
                if (++racesLost > MaxRacesLost)
                {
                    throw new OpenStackException(OpenStackErrorKind.Conflict,
                        $"the catalog lease of '{store.ManagedTag}' in {cloud} could not be taken: {MaxRacesLost} newer epochs were won by other runs that the image listing does not show");
                }

                continue;
            }

            if (current is not null && !current.Released)
            {
                log.Warning($"Took over the expired catalog lease of '{store.ManagedTag}' in {cloud} from {current}.");
            }

            log.Verbose($"Catalog lease of '{store.ManagedTag}' in {cloud} taken: epoch {won.Epoch}, {won}.");
            return new CatalogLease(store, won, options, log, epochs);
        }
    }

    /// <summary>
    /// Creates epoch <paramref name="epoch"/>, or a later free one when that id belongs to a deleted image (someone
    /// deleted the newest lease images, e.g. a project cleanup): null when another run holds it. The ids tried
    /// grow by doubling steps (n, n+1, n+3, n+7, ...), the same sequence for every run, so competing runs still
    /// meet on the same ids, and even a long run of deleted epochs is passed in a few requests.
    /// </summary>
    private static async Task<LeaseRecord?> TryNextEpochAsync(LeaseStore store, long epoch, string runId, string holder, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var first = epoch;
        for (var probe = 0; probe < 40; probe++, epoch = first + (1L << probe) - 1)
        {
            if (await store.TryCreateAsync(epoch, runId, holder, expires, cancellationToken).ConfigureAwait(false) is { } won)
            {
                return won;
            }

            if (await store.GetAsync(epoch, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }
        }

        throw new OpenStackException(OpenStackErrorKind.Conflict,
            $"the catalog lease of '{store.ManagedTag}' could not be created: the lease ids from epoch {first} on are taken by images this project cannot see");
    }

    /// <summary>
    /// Older epochs' ids are never needed again (epochs only grow); one left behind (the delete failed) is
    /// deleted by the next run that takes the lease.
    /// </summary>
    private async Task DeleteFormerAsync(IReadOnlyList<LeaseRecord> former)
    {
        using var deadline = new CancellationTokenSource(ReleaseDeadline);
        foreach (var old in former)
        {
            try
            {
                await _store.DeleteAsync(old, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OpenStackException or OperationCanceledException or HttpRequestException or IOException)
            {
                _log.Verbose($"Former lease image {old.ImageId} not deleted: {ex.Message}");
            }
        }
    }

    private async Task RenewLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RenewEvery, _options.Clock, _stop.Token).ConfigureAwait(false);
                if (!await RenewOnceAsync(_stop.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One renewal: checks that no newer epoch exists, then moves the expiry on. False when the lease is lost
    /// (taken over, its image gone, or not renewable before it expired); a passing failure only warns.
    /// </summary>
    internal async Task<bool> RenewOnceAsync(CancellationToken cancellationToken)
    {
        var clock = _options.Clock;
        try
        {
            var newest = await _store.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (newest is null || newest.Epoch != Record.Epoch)
            {
                Lose(newest is null ? "its lease image is gone" : $"it was taken over by {newest}");
                return false;
            }

            if (await _store.WriteAsync(Record, clock.GetUtcNow() + _options.Duration, released: false, cancellationToken).ConfigureAwait(false) is not { } renewed)
            {
                Lose("its lease image is gone");
                return false;
            }

            Record = renewed;
            return true;
        }
        catch (OpenStackException ex)
        {
            _log.Warning($"The catalog lease of '{_store.ManagedTag}' could not be renewed ({ex.Message}); trying again.");
            if (clock.GetUtcNow() + _options.RenewEvery >= Record.Expires)
            {
                Lose("it could not be renewed before it expired");
                return false;
            }

            return true;
        }
    }

    private void Lose(string why)
    {
        LostBecause = $"the catalog lease of '{_store.ManagedTag}' ({Record}) was lost: {why}; the run stopped so that two runs never change the catalog at once";
        _log.Warning(LostBecause);
        _lost.Cancel();
    }

    /// <summary>Stops renewing and releases the lease (unless it was lost), with a short deadline of its own so a cancelled run still releases.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        await FormerEpochsDeleted.ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            using var deadline = new CancellationTokenSource(ReleaseDeadline);
            try
            {
                await _store.WriteAsync(Record, _options.Clock.GetUtcNow(), released: true, deadline.Token).ConfigureAwait(false);
                _log.Verbose($"Catalog lease of '{_store.ManagedTag}' released (epoch {Record.Epoch}).");
            }
            catch (Exception ex) when (ex is OpenStackException or OperationCanceledException)
            {
                _log.Warning($"The catalog lease of '{_store.ManagedTag}' was not released ({ex.Message}); it expires at {LeaseRecord.Format(Record.Expires)}.");
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }
}
