using System.Diagnostics;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Applies approved plan items of any planner (sync, rotation, Set-GlanceImage). Items of one image run
/// by one worker in the one order of <see cref="ImageWrites"/>: deactivate, ONE JSON-patch request for
/// every PATCH-able change (built by <see cref="PatchBuilder"/>), reactivate, delete. Different images
/// run in parallel up to <see cref="ExecutionOptions.ThrottleLimit"/>. See <see cref="PlanGroups"/> for the phases.
/// </summary>
internal sealed class PlanExecutor
{
    private readonly ExecutionOptions _options;
    private readonly Func<ImageChange, SyncRun> _runFor;

    internal PlanExecutor(ExecutionOptions options, Func<ImageChange, SyncRun> runFor)
    {
        _options = options;
        _runFor = runFor;
    }

    /// <summary>One result per item, in the order of <paramref name="approved"/>.</summary>
    internal async Task<IReadOnlyList<ExecutedChange>> ExecuteAsync(IReadOnlyList<ImageChange> approved, IOperationLog log, CancellationToken cancellationToken)
    {
        var results = new Dictionary<ImageChange, ExecutedChange>(ReferenceEqualityComparer.Instance);
        // The run's downloads (and mirror probes) share one upstream client that ends with the run.
        using var upstream = new UpstreamHttp();
        var failed = 0;
        foreach (var phase in PlanGroups.Phases(approved))
        {
            var destructive = phase.Any(g => g.Destructive);
            if (destructive && Volatile.Read(ref failed) > 0)
            {
                foreach (var item in phase.SelectMany(g => g.Items))
                {
                    results[item] = Skipped(item, item.Destructive || item.Kind == ImageChangeKind.Delete
                        ? "not deleted or deactivated: an earlier item of this run failed"
                        : "not applied with the image's destructive changes: an earlier item of this run failed");
                }

                continue;
            }

            await Parallel.ForEachAsync(
                phase,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ThrottleLimit), CancellationToken = cancellationToken },
                async (group, token) =>
                {
                    var outcome = group.IsCreate
                        ? await RunCreateAsync(group, upstream.Client, log, token).ConfigureAwait(false)
                        : await RunImageAsync(group, log, token).ConfigureAwait(false);
                    lock (results)
                    {
                        foreach (var executed in outcome)
                        {
                            results[executed.Result.Change] = executed;
                            if (executed.Result.Outcome == SyncOutcome.Failed)
                            {
                                failed++;
                            }
                        }
                    }
                }).ConfigureAwait(false);
        }

        return approved.Select(i => results[i]).ToArray();
    }

    private async Task<IReadOnlyList<ExecutedChange>> RunCreateAsync(ImageGroup group, HttpClient upstream, IOperationLog log, CancellationToken cancellationToken)
    {
        var create = group.Items.First(i => i.Kind == ImageChangeKind.Create);
        var run = _runFor(create);
        // Imports at once against this Glance: adaptive, at most the user's limit (see ImportThrottle).
        var throttle = ImportThrottle.For(run.Glance, _options.ThrottleLimit);
        using var slot = await throttle.EnterAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await new ImageImporter(run, _options, upstream, log).CreateAsync(create, cancellationToken).ConfigureAwait(false);
        throttle.Saw(outcome.Error);
        return group.Items.Select(i => i == create ? outcome : Skipped(i, "applied with the create")).ToArray();
    }

    /// <summary>One existing image's items, step by step in the one order of <see cref="ImageWrites"/>; each item's result comes from its step.</summary>
    private async Task<IReadOnlyList<ExecutedChange>> RunImageAsync(ImageGroup group, IOperationLog log, CancellationToken cancellationToken)
    {
        var results = new Dictionary<ImageChange, ExecutedChange?>(ReferenceEqualityComparer.Instance);
        var first = group.Items[0];
        if (first.Image is null || first.ImageId is null)
        {
            return group.Items.Select(i => Skipped(i, "no image to change")).ToArray();
        }

        foreach (var item in group.Items.Where(i => ImageWrites.StepOf(i.Kind) is null))
        {
            results[item] = Skipped(item, item.Kind == ImageChangeKind.Orphaned ? "reported only" : "nothing to do");
        }

        var glance = _runFor(first).Glance;
        var image = first.Image;
        var clock = Stopwatch.StartNew();
        OpenStackException? failure = null;
        foreach (var step in ImageWrites.Order)
        {
            var items = group.Items.Where(i => ImageWrites.StepOf(i.Kind) == step).ToArray();
            if (items.Length == 0)
            {
                continue;
            }

            if (failure is not null)
            {
                // What comes later depends on what failed (a delete after a failed deactivate): not attempted.
                foreach (var item in items)
                {
                    results[item] = Failed(item, clock, failure, $"not attempted: {failure.Message}");
                }

                continue;
            }

            try
            {
                var patch = step == ImageWriteStep.Patch ? PatchBuilder.Merge(items) : ImageTarget.None;
                image = await ImageWrites.RunAsync(glance, image, step, patch, log, cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    results[item] = step == ImageWriteStep.Delete ? Done(item, clock, null, "deleted") : null;
                }
            }
            catch (OpenStackApiException ex) when (step == ImageWriteStep.Delete && ex.Status == System.Net.HttpStatusCode.Conflict)
            {
                // In use (docs/BEHAVIOUR.md, "Rotation and cleanup"): not an error of the run; the image stays as the earlier steps left it.
                var why = $"image '{image.Name}' ({image.Id}) is in use and was not deleted; it stays {image.Status}, {image.Visibility}: {ex.Message}";
                log.Warning(why);
                foreach (var item in items)
                {
                    results[item] = Skipped(item, why);
                }
            }
            catch (OpenStackException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex;
                foreach (var item in items)
                {
                    results[item] = Failed(item, clock, ex);
                }
            }
        }

        // Every applied item reports the image as all its steps left it, not as one step in between.
        return group.Items.Select(i => results[i] ?? Done(i, clock, image, null)).ToArray();
    }

    internal static ExecutedChange Skipped(ImageChange item, string why) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Skipped, ImageId = item.ImageId, Message = why, Image = item.Image }, null);

    private static ExecutedChange Done(ImageChange item, Stopwatch clock, GlanceImage? image, string? message) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Succeeded, ImageId = item.ImageId, Duration = clock.Elapsed, Image = image, Message = message ?? "applied" }, null);

    internal static ExecutedChange Failed(ImageChange item, Stopwatch clock, OpenStackException error, string? message = null) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Failed, ImageId = item.ImageId, Duration = clock.Elapsed, Message = message ?? error.Message }, error);
}
