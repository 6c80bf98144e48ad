using System.Runtime.CompilerServices;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// How many imports run at once against one Glance: as many as make Glance finish more images per
/// second, never more than the user's -ThrottleLimit. Parallel imports slow each other (Glance
/// converts and stores on the same workers), so more at once pays only while the throughput the
/// run sees (imports at once ÷ import time) still grows. It starts at <see cref="Start"/>, climbs one at a
/// time while a step up brought at least <see cref="Gain"/> of what it could, steps back and stays when it did not, and
/// halves when Glance says it is overloaded (503, 429). One per Glance client, i.e. per run and cloud.
/// </summary>
internal sealed class ImportThrottle
{
    /// <summary>Imports at once before the run has seen any import end.</summary>
    internal const int Start = 2;

    /// <summary>
    /// The share of the ideal gain a step up must bring to be kept: from L-1 to L imports at once, the
    /// throughput could at best grow by L/(L-1).
    /// </summary>
    internal const double Gain = 0.5;

    private static readonly ConditionalWeakTable<GlanceClient, ImportThrottle> Throttles = new();

    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private readonly int _ceiling;
    private readonly Dictionary<int, Throughput> _seen = [];
    private int _active;
    private bool _settled;

    internal ImportThrottle(int ceiling)
    {
        _ceiling = Math.Max(1, ceiling);
        Limit = Math.Min(_ceiling, Start);
    }

    /// <summary>Imports allowed at once now.</summary>
    public int Limit { get; private set; }

    /// <summary>The throttle of <paramref name="glance"/>'s imports; <paramref name="ceiling"/> is the user's limit.</summary>
    internal static ImportThrottle For(GlanceClient glance, int ceiling) => Throttles.GetValue(glance, _ => new ImportThrottle(ceiling));

    internal static ImportThrottle? Find(GlanceClient glance) => Throttles.TryGetValue(glance, out var throttle) ? throttle : null;

    /// <summary>Waits for a slot; dispose the slot when the image's import is over.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? turn = null;
        lock (_gate)
        {
            if (_active < Limit)
            {
                _active++;
            }
            else
            {
                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue(turn);
            }
        }

        if (turn is not null)
        {
            using var registration = cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken));
            try
            {
                await turn.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A slot handed over just as the wait was cancelled goes to the next in line.
                lock (_gate)
                {
                    if (turn.Task.IsCompletedSuccessfully)
                    {
                        _active--;
                        Pump();
                    }
                }

                throw;
            }
        }

        return new Slot(this);
    }

    /// <summary>What an import's outcome says about Glance's load: 503 and 429 halve the limit.</summary>
    public void Saw(OpenStackException? error)
    {
        if (error is OpenStackApiException { Status: System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests })
        {
            lock (_gate)
            {
                Limit = Math.Max(1, Limit / 2);
                _settled = true;
            }
        }
    }

    /// <summary>An import took <paramref name="duration"/> with <paramref name="concurrency"/> imports in flight.</summary>
    public void Observe(TimeSpan duration, int concurrency)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            // Judged per limit: the imports that ended under it, each at the concurrency it really had.
            var level = Limit;
            var seen = _seen.TryGetValue(level, out var s) ? s : new Throughput();
            _seen[level] = seen.Add(Math.Clamp(concurrency, 1, level) / duration.TotalSeconds);
            if (_settled || seen.Count + 1 < Math.Max(2, Limit))
            {
                return;
            }

            // Enough imports at the current limit to judge it against the level below.
            var now = _seen[Limit].Mean;
            if (Limit > 1 && _seen.TryGetValue(Limit - 1, out var below) && now < below.Mean * (1 + (Gain * (((double)Limit / (Limit - 1)) - 1))))
            {
                // No gain from the step up: as many images per second with fewer at once, each done sooner.
                Limit--;
                _settled = true;
            }
            else if (Limit < _ceiling)
            {
                Limit++;
                Pump();
            }
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _active--;
            Pump();
        }
    }

    private void Pump()
    {
        while (_active < Limit && _waiting.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _active++;
            }
        }
    }

    private readonly record struct Throughput(int Count, double Sum)
    {
        public double Mean => Count == 0 ? 0 : Sum / Count;

        public Throughput Add(double value) => new(Count + 1, Sum + value);
    }

    private sealed class Slot(ImportThrottle throttle) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                throttle.Release();
            }
        }
    }
}
