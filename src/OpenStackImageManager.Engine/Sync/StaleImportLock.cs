using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// What an <c>active</c> image that still carries Glance's import lock (<c>os_glance_import_task</c>) means.
/// Normally the lock goes a moment after the status turns active (the task saves the image once more and
/// releases it), so waiting for it is right. But Glance can fail while releasing the lock (seen: a database
/// deadlock): the task then ends as <c>failure</c> (or is gone) and the lock stays for good. Waiting out
/// the import timeout and deleting a good image would be wrong, so the task decides, and the stored
/// bytes are then judged by their hash like any other import (<see cref="ImageImporter"/>).
/// </summary>
internal static class StaleImportLock
{
    /// <summary>Glance's import lock: the id of the task importing the image, removed when the task ends.</summary>
    internal const string LockKey = "os_glance_import_task";

    /// <summary>How long an active image may carry the lock before the import monitor reads its tasks and asks <see cref="Judge"/>.</summary>
    internal static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The verdict for <paramref name="image"/> given the image's tasks (<c>GET /v2/images/{id}/tasks</c>).
    /// <see cref="ImportLockState.Running"/>: the lock's task is still pending or processing, keep waiting.
    /// <see cref="ImportLockState.Ended"/>: no lock, or its task ended (success, failure) or is gone and the
    /// image holds stored bytes (a size and Glance's hash): the import is over; verify the bytes.
    /// <see cref="ImportLockState.Broken"/>: the task ended but the image holds no stored bytes.
    /// </summary>
    public static ImportLockVerdict Judge(GlanceImage image, IReadOnlyList<ImageTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tasks);
        if (image.Status != "active")
        {
            return new ImportLockVerdict(ImportLockState.Running, $"the image is {image.Status}");
        }

        if (!image.Properties.TryGetValue(LockKey, out var lockId) || string.IsNullOrEmpty(lockId))
        {
            return new ImportLockVerdict(ImportLockState.Ended, "the import task released its lock");
        }

        var task = tasks.FirstOrDefault(t => string.Equals(t.Id, lockId, StringComparison.Ordinal));
        if (task is { Status: "pending" or "processing" })
        {
            return new ImportLockVerdict(ImportLockState.Running, $"the import task {lockId} is {task.Status}");
        }

        var how = task is null ? "is gone" : $"ended as {task.Status}{(string.IsNullOrWhiteSpace(task.Message) ? string.Empty : $" ({task.Message.Trim()})")}";
        if (image.Size is not > 0 || string.IsNullOrEmpty(image.HashValue))
        {
            return new ImportLockVerdict(ImportLockState.Broken, $"the import task {lockId} {how} and the active image holds no stored bytes");
        }

        return new ImportLockVerdict(ImportLockState.Ended, $"the import task {lockId} {how} but left its lock on the image; the stored bytes are judged by their hash");
    }

    /// <summary>Whether <paramref name="image"/> still carries the lock (a stale one once the import is over).</summary>
    public static bool IsHeld(GlanceImage image) =>
        image.Properties.TryGetValue(LockKey, out var lockId) && !string.IsNullOrEmpty(lockId);
}

/// <summary>What <see cref="StaleImportLock.Judge"/> found.</summary>
internal enum ImportLockState
{
    Running,
    Ended,
    Broken,
}

/// <summary>The state and a sentence saying why, for messages.</summary>
internal sealed record ImportLockVerdict(ImportLockState State, string Reason);
