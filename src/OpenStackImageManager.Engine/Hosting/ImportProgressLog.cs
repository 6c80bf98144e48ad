namespace OpenStackImageManager.Engine.Hosting;

/// <summary>
/// Puts the per-image progress of a sync under one overall bar: "image 3 of 13", the bytes sent of
/// the sizes known so far, and a percentage over all images. Every record passes through with the
/// overall bar as its parent; the overall record follows each one. Thread-safe: imports run in parallel.
/// </summary>
public sealed class ImportProgressLog : IOperationLog
{
    /// <summary>The overall bar's activity id; the importer's own ids start at 1000.</summary>
    public const int OverallActivityId = 1;

    private readonly IOperationLog _inner;
    private readonly int _images;
    private readonly string _activity;
    private readonly object _gate = new();
    private readonly Dictionary<int, Part> _parts = [];

    public ImportProgressLog(IOperationLog inner, int images, string activity = "Importing images")
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _images = Math.Max(1, images);
        _activity = activity;
    }

    public void Verbose(string message) => _inner.Verbose(message);

    public void Debug(string message) => _inner.Debug(message);

    public void Warning(string message) => _inner.Warning(message);

    public void Progress(OperationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.ActivityId == OverallActivityId)
        {
            _inner.Progress(progress);
            return;
        }

        OperationProgress overall;
        lock (_gate)
        {
            if (!_parts.TryGetValue(progress.ActivityId, out var part))
            {
                part = new Part(_parts.Count + 1);
                _parts[progress.ActivityId] = part;
            }

            part.Done = progress.BytesDone ?? part.Done;
            part.Total = progress.BytesTotal ?? part.Total;
            part.Percent = progress.Completed ? 100 : Math.Max(part.Percent, progress.PercentComplete);
            part.Completed |= progress.Completed;
            overall = Overall(part.Ordinal);
        }

        _inner.Progress(progress with { ParentActivityId = OverallActivityId });
        _inner.Progress(overall);
    }

    /// <summary>Ends the overall bar (a Completed record), whatever became of the parts.</summary>
    public void Complete() =>
        _inner.Progress(new OperationProgress(OverallActivityId, _activity, "done", 100, Completed: true));

    private OperationProgress Overall(int current)
    {
        var completed = _parts.Values.Count(p => p.Completed);
        var fraction = _parts.Values.Sum(p => p.Completed ? 1.0 : Math.Max(0, p.Percent) / 100.0);
        var done = _parts.Values.Sum(p => p.Done);
        var known = _parts.Values.Where(p => p.Total is > 0).Sum(p => p.Total!.Value);
        var bytes = known > 0 ? $", {TransferProgressText.MiB(done)} of {TransferProgressText.MiB(known)} MiB" : done > 0 ? $", {TransferProgressText.MiB(done)} MiB" : string.Empty;
        var status = $"image {Math.Min(current, _images)} of {_images} ({completed} done{bytes})";
        return new OperationProgress(OverallActivityId, _activity, status, (int)Math.Clamp(fraction * 100 / _images, 0, 100));
    }

    private sealed class Part(int ordinal)
    {
        public int Ordinal { get; } = ordinal;

        public long Done { get; set; }

        public long? Total { get; set; }

        public int Percent { get; set; } = -1;

        public bool Completed { get; set; }
    }
}
