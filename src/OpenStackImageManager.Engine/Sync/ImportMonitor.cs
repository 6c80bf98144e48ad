using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Watches every import of a run in flight with ONE listing request per look
/// (<c>GET /v2/images?id=in:…</c>), so the requests grow with the time imports take, not with their
/// number. Each import asks for its looks (see <see cref="ImportWatch"/>): the first when the run's
/// imports are about to end, then tight, then backing off; the monitor looks when the earliest one is
/// due and every watched import profits. Image tasks are read only where a failure may need
/// explaining. One monitor per Glance client, i.e. per run and cloud; it stops when nothing is watched.
/// </summary>
internal sealed class ImportMonitor
{
    /// <summary>Two looks are at least this far apart: Glance is never flooded, however many imports run.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);

    private static readonly ConditionalWeakTable<GlanceClient, ImportMonitor> Monitors = new();

    private readonly GlanceClient _glance;
    private readonly object _gate = new();
    private readonly List<ImportWatch> _watches = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLook = TimeSpan.MinValue;
    private bool _running;

    private ImportMonitor(GlanceClient glance) => _glance = glance;

    /// <summary>The import durations this run has seen.</summary>
    public ImportDurations Durations { get; } = new();

    /// <summary>Imports watched right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    internal static ImportMonitor For(GlanceClient glance) => Monitors.GetValue(glance, g => new ImportMonitor(g));

    public async Task<GlanceImage> WaitAsync(string id, string name, TimeSpan timeout, ExecutionOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ImportWatch watch;
        lock (_gate)
        {
            var inFlight = _watches.Count(w => !w.IsCompleted) + 1;
            watch = new ImportWatch(id, name, _clock.Elapsed, timeout, options, progress, Durations.ExpectedAt(inFlight), inFlight);
            _watches.Add(watch);
            if (!_running)
            {
                _running = true;
                _ = Task.Run(LoopAsync, CancellationToken.None);
            }
        }

        _wake.Release();
        using var registration = cancellationToken.Register(() =>
        {
            watch.Cancel(cancellationToken);
            _wake.Release();
        });
        return await watch.Completion.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            ImportWatch[] current;
            lock (_gate)
            {
                _watches.RemoveAll(w => w.IsCompleted);
                if (_watches.Count == 0)
                {
                    _running = false;
                    return;
                }

                current = _watches.ToArray();
            }

            var due = current.Min(w => w.NextPoll);
            if (_lastLook != TimeSpan.MinValue && due < _lastLook + Spacing)
            {
                due = _lastLook + Spacing;
            }

            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                // A new or cancelled watch wakes the loop early: it may want an earlier look, or none.
                await _wake.WaitAsync(wait).ConfigureAwait(false);
                continue;
            }

            await LookAsync(current).ConfigureAwait(false);
        }
    }

    private async Task LookAsync(ImportWatch[] watches)
    {
        _lastLook = _clock.Elapsed;
        IReadOnlyList<GlanceImage> listed;
        try
        {
            listed = await _glance.ListImagesByIdAsync(watches.Select(w => w.Id).ToArray(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // As when each import polled on its own: a failed status read fails the imports waiting for it.
            foreach (var watch in watches)
            {
                watch.Fail(ex);
            }

            return;
        }

        var now = _clock.Elapsed;
        var byId = listed.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var watch in watches.Where(w => !w.IsCompleted))
        {
            try
            {
                // The listing leaves out what it does not show (an os_hidden image, a deleted one): read those alone.
                var image = byId.GetValueOrDefault(watch.Id) ?? await GetAsync(watch).ConfigureAwait(false);
                if (image is null)
                {
                    watch.Gone();
                    continue;
                }

                var ended = watch.Observe(image, now, Durations.ExpectedAt(watch.Concurrency));
                if (!ended && watch.TaskReadReason is not null)
                {
                    var tasks = await _glance.ListImageTasksAsync(watch.Id, CancellationToken.None).ConfigureAwait(false);
                    ended = watch.ObserveTasks(image, tasks);
                }

                if (ended)
                {
                    Ended(watch, now);
                }
            }
            catch (Exception ex)
            {
                watch.Fail(ex);
            }
        }

        // The imports still running share Glance with one another only now: their first looks follow.
        int inFlight;
        lock (_gate)
        {
            inFlight = _watches.Count(w => !w.IsCompleted);
        }

        foreach (var watch in watches.Where(w => !w.IsCompleted))
        {
            watch.Account(now, inFlight, Durations.ExpectedAt(inFlight));
        }
    }

    private void Ended(ImportWatch watch, TimeSpan now)
    {
        if (!watch.Completion.IsCompletedSuccessfully)
        {
            return;
        }

        // Its time since the last look ran at the count of that look.
        watch.Advance(now);
        var duration = watch.Duration(now);
        var concurrency = watch.Concurrency;
        Durations.Add(duration, concurrency);
        ImportThrottle.Find(_glance)?.Observe(duration, concurrency);
    }

    private async Task<GlanceImage?> GetAsync(ImportWatch watch)
    {
        try
        {
            return await _glance.GetImageAsync(watch.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
