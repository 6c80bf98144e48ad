using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// One import the <see cref="ImportMonitor"/> watches: what each observation of the image means
/// (done, failed, or still going) and when this import wants its next look. Not thread-safe: only
/// the monitor's loop touches it, its completion is what the importer awaits.
/// </summary>
internal sealed class ImportWatch
{
    /// <summary>An image still queued this long after its import was accepted was never picked up.</summary>
    private static readonly TimeSpan QueuedLimit = TimeSpan.FromSeconds(30);

    /// <summary>Never look more often than this, however short the run's imports are.</summary>
    internal static readonly TimeSpan Tightest = TimeSpan.FromMilliseconds(100);

    private readonly TaskCompletionSource<GlanceImage> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExecutionOptions _options;
    private readonly Action<string> _progress;
    private TimeSpan _lastSeenRunning;
    private TimeSpan _nextTaskRead = TimeSpan.MaxValue;
    private TimeSpan _nextUnlockedRead;
    private TimeSpan? _activeLockSince;
    private bool _lockAsked;
    private TimeSpan _firstLook;
    private bool _firstLookTaken;
    private bool _left;
    private int _polls;

    // Glance shares its workers among the imports in flight: an import progresses at 1/(what an import takes
    // at the current count) per second. Brought up to date at every look (Account).
    private int _inFlight;
    private TimeSpan _expectedNow;
    private TimeSpan _accountedTo;
    private double _share;
    private double _inFlightSeconds;

    public ImportWatch(string id, string name, TimeSpan started, TimeSpan timeout, ExecutionOptions options, Action<string> progress, TimeSpan expected, int concurrency)
    {
        Id = id;
        Name = name;
        Started = started;
        Timeout = timeout;
        _options = options;
        _progress = progress;
        _inFlight = Math.Max(1, concurrency);
        _expectedNow = expected;
        _accountedTo = started;
        _lastSeenRunning = started;
        _firstLook = started + FirstLook(expected);
        NextPoll = _firstLook;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Monitor clock time of the accepted import request.</summary>
    public TimeSpan Started { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Imports in flight while this one ran (itself included), on average over its time so far: what its duration is judged at.</summary>
    public int Concurrency => _accountedTo > Started
        ? Math.Max(1, (int)Math.Round(_inFlightSeconds / (_accountedTo - Started).TotalSeconds))
        : _inFlight;

    /// <summary>Brings the import's progress and its mean concurrency up to <paramref name="now"/>, at the count of imports in flight it last took.</summary>
    public void Advance(TimeSpan now)
    {
        var span = now - _accountedTo;
        if (span > TimeSpan.Zero)
        {
            _inFlightSeconds += _inFlight * span.TotalSeconds;
            _share += _expectedNow > TimeSpan.Zero ? span / _expectedNow : 1;
            _accountedTo = now;
        }
    }

    /// <summary>
    /// Brings the import's progress up to <paramref name="now"/> at the count of imports in flight it ran
    /// with since the last look, then takes <paramref name="inFlight"/> (and what an import takes at that
    /// count, <paramref name="expected"/>) from here on. Before its first look, the first look moves to when
    /// the rest of the import should end: earlier when the imports beside it ended, later when more joined.
    /// </summary>
    public void Account(TimeSpan now, int inFlight, TimeSpan expected)
    {
        Advance(now);
        _inFlight = Math.Max(1, inFlight);
        _expectedNow = expected;
        if (!_firstLookTaken && !IsCompleted)
        {
            _firstLook = now + (expected * Math.Max(0, 1 - _share));
            NextPoll = Max(_firstLook, now + Tightest);
        }
    }

    /// <summary>Monitor clock time at which this import wants its next look.</summary>
    public TimeSpan NextPoll { get; private set; }

    /// <summary>Why the image's tasks must be read at this look, or null.</summary>
    public string? TaskReadReason { get; private set; }

    public Task<GlanceImage> Completion => _done.Task;

    public bool IsCompleted => _done.Task.IsCompleted;

    /// <summary>The import time as far as the polls can tell: between the last look that saw it running and the one that saw it done.</summary>
    public TimeSpan Duration(TimeSpan now) => (_lastSeenRunning - Started) + ((now - _lastSeenRunning) / 2);

    public void Cancel(CancellationToken token) => _done.TrySetCanceled(token);

    public void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>One look at the image; true when the import ended (done or failed).</summary>
    public bool Observe(GlanceImage image, TimeSpan now, TimeSpan expected)
    {
        _polls++;
        TaskReadReason = null;
        var elapsed = now - Started;
        _progress($"{image.Status} after {elapsed.TotalSeconds:0} s");
        if (image.Properties.TryGetValue("os_glance_failed_import", out var failedStores) && failedStores.Length > 0)
        {
            return Failed($"Glance reports a failed import (os_glance_failed_import: {failedStores})");
        }

        var locked = image.Properties.ContainsKey(ImportWaiter.ImportLockKey);
        switch (image.Status)
        {
            // The import task sets the status before it drops its lock and saves the whole image row
            // once more; a PATCH sent in between is lost (seen as a visibility that stays private).
            // Done means active and the task's lock gone.
            case "active" when !locked:
                _done.TrySetResult(image);
                return true;
            case "active":
                _activeLockSince ??= now;
                if (!_lockAsked && now - _activeLockSince.Value >= StaleImportLock.After)
                {
                    _lockAsked = true;
                    TaskReadReason = "active, but its import lock stayed";
                }

                break;
            case "killed" or "deleted" or "pending_delete" or "deactivated":
                return Failed($"the image became {image.Status} during the import");
            case "queued" when _left:
                return Failed("the image silently returned to queued: the import was dropped");
            case "queued" when _polls >= 3 && elapsed >= QueuedLimit:
                return Failed($"the import never started: still queued after {elapsed.TotalSeconds:0} s");
            case not "queued":
                _left = true;
                break;
        }

        _lastSeenRunning = now;
        if (image.Status is "importing" or "queued" or "uploading")
        {
            // A failed conversion leaves the image importing and only its task tells. The task is read
            // when the lock is gone while the image is not active (the task ended without success), and
            // otherwise only once the import runs far longer than the run's imports do, then rarely.
            if (_left && !locked && image.Status == "importing")
            {
                if (now >= _nextUnlockedRead)
                {
                    TaskReadReason = "its import lock is gone but it is not active";
                    _nextUnlockedRead = now + TimeSpan.FromSeconds(2);
                }
            }
            else if (_nextTaskRead == TimeSpan.MaxValue)
            {
                _nextTaskRead = Started + Max(TimeSpan.FromSeconds(5), expected * 4);
            }
            else if (now >= _nextTaskRead)
            {
                TaskReadReason = "its import runs long";
                _nextTaskRead = now + Max(TimeSpan.FromSeconds(5), (now - Started) / 2);
            }
        }

        var interval = Interval(now, expected);
        if (elapsed + interval > Timeout)
        {
            _done.TrySetException(new OpenStackException(OpenStackErrorKind.Timeout,
                $"{Name}: image {Id} was not active within {Timeout.TotalSeconds:0} s (status {image.Status})") { Target = Id });
            return true;
        }

        // A look another import asked for sees this one too. Long before this import's first look it does
        // not bring that look forward (with several imports in flight every look would be a tight one); within
        // one interval of it, it stands for it, so imports in flight share their looks instead of each
        // adding its own just after the other's.
        _firstLookTaken |= now + interval >= _firstLook - interval;
        NextPoll = _firstLookTaken ? now + interval : _firstLook;
        return false;
    }

    /// <summary>The image's tasks, read for <see cref="TaskReadReason"/>; true when the import ended.</summary>
    public bool ObserveTasks(GlanceImage image, IReadOnlyList<ImageTask> tasks)
    {
        // An active image whose lock stayed is judged first: its task may say failure only because Glance
        // failed while releasing the lock, after the bytes were stored; the hash decides then, not the task.
        if (image.Status == "active" && StaleImportLock.IsHeld(image))
        {
            var verdict = StaleImportLock.Judge(image, tasks);
            switch (verdict.State)
            {
                case ImportLockState.Broken:
                    return Failed(verdict.Reason);
                case ImportLockState.Ended:
                    _done.TrySetResult(image);
                    return true;
                default:
                    return false;
            }
        }

        if (tasks.FirstOrDefault(t => t.Status == "failure") is { } failed)
        {
            return Failed($"the import task {failed.Id} failed: {failed.Message}");
        }

        return false;
    }

    /// <summary>The image vanished from Glance while importing.</summary>
    public void Gone() => Failed("the image was deleted during the import");

    private bool Failed(string why)
    {
        _done.TrySetException(new OpenStackException(OpenStackErrorKind.Unknown, $"{Name}: import of image {Id} failed: {why}") { Target = Id });
        return true;
    }

    /// <summary>The first look: when the import is as likely done as not (the median of what imports like it took).</summary>
    private static TimeSpan FirstLook(TimeSpan expected) => Max(Tightest, expected);

    /// <summary>
    /// Tight while the import is due, from the first look to twice what an import at its
    /// concurrency takes (a fifth of that, within <see cref="Tightest"/>..<see cref="ExecutionOptions.PollMinimum"/>:
    /// a few looks; imports at once vary that much in the local cloud); after that a quarter of the time
    /// the import has taken so far, up to <see cref="ExecutionOptions.PollMaximum"/>: an import that takes
    /// far longer than the run's others costs a look per quarter more of its time, and is noticed
    /// within a fifth of its time.
    /// </summary>
    private TimeSpan Interval(TimeSpan now, TimeSpan expected)
    {
        var tight = Min(Max(Tightest, expected / 5), Max(Tightest, _options.PollMinimum));
        var elapsed = now - Started;
        if (elapsed < expected * 2)
        {
            return tight;
        }

        return Min(Max(tight, elapsed / 4), Max(tight, _options.PollMaximum));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
