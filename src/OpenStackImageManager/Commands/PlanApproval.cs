using System.Management.Automation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// The approve-then-apply steps Sync-GlanceImage and Invoke-ImageRotation share: ShouldProcess for each
/// plan item on the pipeline thread (the item's Description is the -WhatIf text, verbatim), ShouldContinue
/// once more for a Delete unless forced, and the engine's results written back as objects and error records.
/// Internal: it names an Engine type, which no public cmdlet member may (docs/ARCHITECTURE.md, "Dependency isolation").
/// </summary>
internal static class PlanApproval
{
    /// <summary>What the user approved, what needed no question (NoChange, Orphaned) and what was declined.</summary>
    internal sealed record Decision(
        IReadOnlyList<ImageChange> Approved,
        IReadOnlyList<ImageSyncResult> NothingToDo,
        IReadOnlyList<ImageSyncResult> Declined);

    /// <summary>
    /// Asks for every item, on the calling (pipeline) thread. A Delete is asked about once more with
    /// ShouldContinue, whatever ConfirmImpact the preference lets through, unless <paramref name="force"/>.
    /// </summary>
    public static Decision Approve(Cmdlet cmdlet, IEnumerable<ImageChange> plan, string commandName, bool force)
    {
        var approved = new List<ImageChange>();
        var nothingToDo = new List<ImageSyncResult>();
        var declined = new List<ImageSyncResult>();
        var yesToAll = false;
        var noToAll = false;
        foreach (var item in plan)
        {
            // Nothing to send for these: no question to ask.
            if (item.Kind is ImageChangeKind.NoChange or ImageChangeKind.Orphaned)
            {
                nothingToDo.Add(Skipped(item, item.Description));
                continue;
            }

            var ok = cmdlet.ShouldProcess(item.Description, item.Description + "?", commandName + " " + item.Kind)
                     // A cleanup (an unverified leftover) was never a catalog image: ShouldProcess alone.
                     && (item.Kind != ImageChangeKind.Delete || force || SyncOperations.IsCleanup(item)
                         || cmdlet.ShouldContinue($"{item.Description}. The image and its data cannot be brought back.", "Delete image", ref yesToAll, ref noToAll));
            if (ok)
            {
                approved.Add(item);
            }
            else
            {
                declined.Add(Skipped(item, "declined"));
            }
        }

        return new Decision(approved, nothingToDo, declined);
    }

    /// <summary>
    /// Writes each executed item's result (when <paramref name="writeResults"/>) and, for a failure, a
    /// non-terminating error record that targets the plan item. Returns how many items failed.
    /// </summary>
    public static int WriteExecuted(Cmdlet cmdlet, IEnumerable<ExecutedChange> executed, bool writeResults)
    {
        var failed = 0;
        foreach (var done in executed)
        {
            if (writeResults)
            {
                cmdlet.WriteObject(done.Result);
            }

            if (done.Error is not null)
            {
                failed++;
                CiOutput.WriteError(cmdlet, ErrorRecords.From(done.Error, done.Result.Change));
            }
        }

        return failed;
    }

    private static ImageSyncResult Skipped(ImageChange item, string message) =>
        new() { Change = item, Outcome = SyncOutcome.Skipped, ImageId = item.ImageId, Image = item.Image, Message = message };
}
