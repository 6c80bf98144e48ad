namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// How long the imports of a run took, from the accepted import request to the poll that saw them
/// end (less half the last poll interval: the end lies somewhere in it). The median of the latest
/// ones is what the monitor expects of the next import; before any has ended, a small image's
/// import time on an idle Glance.
/// </summary>
internal sealed class ImportDurations
{
    /// <summary>Glance converts and stores a small image in about this long when idle.</summary>
    internal static readonly TimeSpan Prior = TimeSpan.FromSeconds(0.8);

    private const int Window = 8;
    private readonly Queue<TimeSpan> _latest = new();
    private readonly object _gate = new();

    public TimeSpan Expected
    {
        get
        {
            lock (_gate)
            {
                if (_latest.Count == 0)
                {
                    return Prior;
                }

                var sorted = _latest.Order().ToArray();
                return sorted[sorted.Length / 2];
            }
        }
    }

    public void Add(TimeSpan duration)
    {
        lock (_gate)
        {
            _latest.Enqueue(duration);
            if (_latest.Count > Window)
            {
                _latest.Dequeue();
            }
        }
    }
}
