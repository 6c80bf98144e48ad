using System.Diagnostics;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Waits for an import to end with bounded, backing-off polling. <c>killed</c>, a silent return to
/// <c>queued</c>, <c>os_glance_failed_import</c>, a failed import task (a failed conversion leaves the
/// image <c>importing</c>, only its task says so) and the deadline are failures. An import has ended
/// when the image is active and the task's lock (<c>os_glance_import_task</c>) is gone.
/// </summary>
internal static class ImportWaiter
{
    /// <summary>Glance's import lock: the id of the task importing the image, removed when the task ends.</summary>
    internal const string ImportLockKey = StaleImportLock.LockKey;

    public static async Task<GlanceImage> WaitForActiveAsync(
        GlanceClient glance, string id, string name, TimeSpan timeout, ExecutionOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = options.PollMinimum;
        var polls = 0;
        var left = false;
        while (true)
        {
            var image = await glance.GetImageAsync(id, cancellationToken).ConfigureAwait(false);
            polls++;
            progress($"{image.Status} after {clock.Elapsed.TotalSeconds:0} s");
            if (image.Properties.TryGetValue("os_glance_failed_import", out var failedStores) && failedStores.Length > 0)
            {
                throw Failure(name, id, $"Glance reports a failed import (os_glance_failed_import: {failedStores})");
            }

            switch (image.Status)
            {
                // The import task sets the status before it drops its lock and saves the whole image
                // row once more; a PATCH sent in between is lost (seen as a visibility that stays
                // private). Done means active and the task's lock gone.
                case "active" when !image.Properties.ContainsKey(ImportLockKey):
                    return image;
                case "active":
                    // The lock normally goes within a poll or two; whether a lock that stays means anything is
                    // StaleImportLock's decision (a task that ended without releasing it), never the timeout's.
                    // Asked only once the lock outlived a few polls, so a normal import sends no tasks request for it.
                    if (polls >= 6 && polls % 3 == 0)
                    {
                        var verdict = StaleImportLock.Judge(image, await glance.ListImageTasksAsync(id, cancellationToken).ConfigureAwait(false));
                        if (verdict.State == ImportLockState.Ended)
                        {
                            return image;
                        }

                        if (verdict.State == ImportLockState.Broken)
                        {
                            throw Failure(name, id, verdict.Reason);
                        }
                    }

                    break;
                case "killed" or "deleted" or "pending_delete" or "deactivated":
                    throw Failure(name, id, $"the image became {image.Status} during the import");
                case "queued" when left:
                    throw Failure(name, id, "the image silently returned to queued: the import was dropped");
                case "queued" when polls >= 10:
                    throw Failure(name, id, $"the import never started: still queued after {clock.Elapsed.TotalSeconds:0} s");
                case not "queued":
                    left = true;
                    break;
            }

            if (image.Status is "importing" or "queued" && polls % 3 == 0
                && (await glance.ListImageTasksAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Status == "failure") is { } task)
            {
                throw Failure(name, id, $"the import task {task.Id} failed: {task.Message}");
            }

            if (clock.Elapsed + delay > timeout)
            {
                throw new OpenStackException(OpenStackErrorKind.Timeout, $"{name}: image {id} was not active within {timeout.TotalSeconds:0} s (status {image.Status})") { Target = id };
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(options.PollMaximum.Ticks, delay.Ticks * 2));
        }
    }

    private static OpenStackException Failure(string name, string id, string why) =>
        new(OpenStackErrorKind.Unknown, $"{name}: import of image {id} failed: {why}") { Target = id };
}
