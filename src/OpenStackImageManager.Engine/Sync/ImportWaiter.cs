using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Waits for an import to end. The waiting itself is the run's <see cref="ImportMonitor"/>: every
/// import of a run in flight is watched by one shared listing request, timed by the import durations
/// the run has seen. <c>killed</c>, a silent return to <c>queued</c>, <c>os_glance_failed_import</c>, a
/// failed import task (a failed conversion leaves the image <c>importing</c>, only its task says so)
/// and the deadline are failures. An import has ended when the image is active and the task's lock
/// (<c>os_glance_import_task</c>) is gone (see <see cref="StaleImportLock"/> for a lock that stays).
/// </summary>
internal static class ImportWaiter
{
    /// <summary>Glance's import lock: the id of the task importing the image, removed when the task ends.</summary>
    internal const string ImportLockKey = StaleImportLock.LockKey;

    /// <summary>Call right after the import request was accepted: the monitor times its polls from here.</summary>
    public static Task<GlanceImage> WaitForActiveAsync(
        GlanceClient glance, string id, string name, TimeSpan timeout, ExecutionOptions options, Action<string> progress, CancellationToken cancellationToken) =>
        ImportMonitor.For(glance).WaitAsync(id, name, timeout, options, progress, cancellationToken);
}
