namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// How long the imports of a run took, from the accepted import request to the poll that saw them
/// end (less half the last poll interval: the end lies somewhere in it), each with the number of
/// imports Glance had in flight meanwhile. Parallel imports slow each other (three at once took twice
/// as long each as two in the local cloud), so what the monitor expects of the next import is the
/// median of the latest ones at its own concurrency, or else at the nearest concurrency seen, scaled to
/// its own; before any import ended, a small image's import time on an idle Glance.
/// </summary>
internal sealed class ImportDurations
{
    /// <summary>Glance converts and stores a small image in about this long when idle.</summary>
    internal static readonly TimeSpan Prior = TimeSpan.FromSeconds(0.8);

    private const int Window = 8;
    private readonly Queue<(TimeSpan Duration, int Concurrency)> _latest = new();
    private readonly object _gate = new();

    /// <summary>What the latest imports took, whatever their concurrency.</summary>
    public TimeSpan Expected
    {
        get
        {
            lock (_gate)
            {
                return _latest.Count == 0 ? Prior : Median(_latest.Select(d => d.Duration));
            }
        }
    }

    /// <summary>What an import is expected to take with <paramref name="concurrency"/> imports in flight.</summary>
    public TimeSpan ExpectedAt(int concurrency)
    {
        lock (_gate)
        {
            if (_latest.Count == 0)
            {
                return Prior;
            }

            // The nearest concurrency seen, scaled to this one: Glance shares its workers among the imports.
            var wanted = Math.Max(1, concurrency);
            var nearest = _latest.Select(d => d.Concurrency).Distinct().OrderBy(c => Math.Abs(c - wanted)).ThenBy(c => c).First();
            var median = Median(_latest.Where(d => d.Concurrency == nearest).Select(d => d.Duration));
            return nearest == wanted ? median : median * wanted / nearest;
        }
    }

    public void Add(TimeSpan duration, int concurrency = 1)
    {
        lock (_gate)
        {
            _latest.Enqueue((duration, Math.Max(1, concurrency)));
            if (_latest.Count > Window)
            {
                _latest.Dequeue();
            }
        }
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
