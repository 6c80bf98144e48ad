using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// What an image that is <c>active</c> while Glance's import lock (<c>os_glance_import_task</c>) stays
/// on it means. The import task sets the status before it drops its lock and saves the image row once
/// more, so for a moment this is normal and the import is not done. When the lock outlives
/// <see cref="After"/>, the monitor reads the image's tasks once and asks <see cref="Decide"/>; the
/// image is never deleted for having waited long (only the import deadline ends the wait).
/// </summary>
internal static class StaleImportLock
{
    /// <summary>How long an active image may carry the lock before its task is read.</summary>
    internal static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The verdict on an active image whose lock stayed behind, given the task the lock names (null when
    /// the image's tasks do not show it). Until a decision by task and hash is wired here, the lock
    /// means "not done": the wait goes on until the lock goes or the deadline ends it.
    /// </summary>
    internal static StaleLockDecision Decide(GlanceImage image, ImageTask? task) => StaleLockDecision.KeepWaiting;
}

/// <summary>The verdict on an active image whose import lock stays behind.</summary>
/// <param name="Done">The import has ended: use the image as it is.</param>
/// <param name="Failure">The import failed for this reason (the importer deletes the half-made image).</param>
internal sealed record StaleLockDecision(bool Done, string? Failure)
{
    internal static readonly StaleLockDecision KeepWaiting = new(false, null);
}
