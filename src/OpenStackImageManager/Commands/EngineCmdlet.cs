using System.Collections.Concurrent;
using System.Management.Automation;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Base of every cmdlet that calls the engine. It owns the cancellation that StopProcessing (Ctrl+C)
/// triggers, and runs engine work on the pool while writing the engine's verbose, debug, warning and
/// progress messages on the pipeline thread, the only thread PowerShell lets write.
/// </summary>
/// <remarks>
/// No member of this public type may expose an Engine type: PowerShell reflects over public types when
/// it imports the module, and the Engine only becomes loadable once the load-context bridge is in place.
/// </remarks>
public abstract class EngineCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    /// <summary>Cancelled when the user stops the pipeline.</summary>
    private protected CancellationToken CancellationToken => _stopping.Token;

    protected override void StopProcessing()
    {
        _stopping.Cancel();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the pool and pumps its messages onto the pipeline until it ends.
    /// Cancellation by StopProcessing surfaces as <see cref="PipelineStoppedException"/>.
    /// </summary>
    private protected T RunEngine<T>(Func<IOperationLog, CancellationToken, Task<T>> work)
    {
        using var log = new PipelineOperationLog(ProgressPolicy.Wanted(this));
        var task = Task.Run(() => work(log, CancellationToken), CancellationToken);
        log.PumpUntil(task, this);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private protected void RunEngine(Func<IOperationLog, CancellationToken, Task> work)
    {
        RunEngine<bool>(async (log, token) =>
        {
            await work(log, token).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>
    /// Writes an error record and, in GitHub Actions or Azure Pipelines, its annotation. Hides
    /// <see cref="Cmdlet.WriteError"/> so that every error a cmdlet of this module writes is annotated.
    /// </summary>
    private protected new void WriteError(ErrorRecord errorRecord) => CiOutput.WriteError(this, errorRecord);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _stopping.Dispose();
        }

        _disposed = true;
    }

    /// <summary>Queues engine messages from any thread; writes them on the pipeline thread.</summary>
    private sealed class PipelineOperationLog : IOperationLog, IDisposable
    {
        private readonly BlockingCollection<Action<PSCmdlet>> _queue = new();
        private readonly bool _writeProgress;

        // Activities shown and not yet completed (touched only on the pipeline thread), so that each
        // gets its Completed record when the work ends, whatever the engine reported.
        private readonly Dictionary<int, ProgressRecord> _open = [];

        public PipelineOperationLog(bool writeProgress) => _writeProgress = writeProgress;

        public void Verbose(string message) => TryAdd(c => c.WriteVerboseLine(message));

        public void Debug(string message) => TryAdd(c => c.WriteDebug(message));

        public void Warning(string message) => TryAdd(c => c.WriteWarning(message));

        public void Progress(OperationProgress progress)
        {
            if (_writeProgress)
            {
                TryAdd(c => WriteProgress(c, ToRecord(progress)));
            }
        }

        public void PumpUntil(Task task, PSCmdlet cmdlet)
        {
            _ = task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var write in _queue.GetConsumingEnumerable())
            {
                write(cmdlet);
            }

            // Children first, so no bar outlives its parent.
            foreach (var record in _open.Values.OrderByDescending(r => r.ParentActivityId).ToList())
            {
                WriteProgress(cmdlet, new ProgressRecord(record.ActivityId, record.Activity, "done")
                {
                    ParentActivityId = record.ParentActivityId,
                    RecordType = ProgressRecordType.Completed,
                });
            }
        }

        private void WriteProgress(PSCmdlet cmdlet, ProgressRecord record)
        {
            if (record.RecordType == ProgressRecordType.Completed)
            {
                _open.Remove(record.ActivityId);
            }
            else
            {
                _open[record.ActivityId] = record;
            }

            cmdlet.WriteProgress(record);
        }

        public void Dispose() => _queue.Dispose();

        private void TryAdd(Action<PSCmdlet> write)
        {
            // Messages that arrive after the work ended (a late callback) are dropped, not thrown.
            try
            {
                _queue.TryAdd(write);
            }
            catch (InvalidOperationException)
            {
                // CompleteAdding was called, or the queue was disposed (ObjectDisposedException
                // derives from InvalidOperationException).
            }
        }

        private static ProgressRecord ToRecord(OperationProgress progress) =>
            new(progress.ActivityId, progress.Activity, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                ParentActivityId = progress.ParentActivityId,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
    }
}
