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
/// run in parallel: <see cref="ExecutionOptions.ThrottleLimit"/> of them, and for imports that limit caps Glance's
/// imports at once while further images are created and staged (<see cref="Workers"/>). See <see cref="PlanGroups"/> for the phases.
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

    /// <summary>
    /// One result per item, in the order of <paramref name="approved"/>. Never throws for a failed item or
    /// group (an unexpected exception becomes that item's failed result and the other groups go on); only the
    /// user's cancellation ends the run early.
    /// </summary>
    internal async Task<IReadOnlyList<ExecutedChange>> ExecuteAsync(IReadOnlyList<ImageChange> approved, IOperationLog log, CancellationToken cancellationToken)
    {
        var results = new Dictionary<ImageChange, ExecutedChange>(ReferenceEqualityComparer.Instance);
        var inRun = new HashSet<ImageChange>(approved, ReferenceEqualityComparer.Instance);
        // The run's downloads (and mirror probes) share one upstream client that ends with the run.
        using var upstream = new UpstreamHttp(_options.Upstream);
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
                new ParallelOptions { MaxDegreeOfParallelism = Workers(phase), CancellationToken = cancellationToken },
                async (group, token) =>
                {
                    var outcome = await RunGroupAsync(group, upstream.Client, Waiting(group, inRun, results), log, token).ConfigureAwait(false);
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

    /// <summary>
    /// Images worked on at once in <paramref name="phase"/>: the user's limit, and for creates one more. For creates
    /// the limit caps Glance's imports at once (<see cref="ImportThrottle"/>, inside the importer); a worker whose
    /// image waits for a slot has created and staged it already, so Glance never waits for our upload between
    /// two imports.
    /// </summary>
    private int Workers(IReadOnlyList<ImageGroup> phase) =>
        Math.Max(1, _options.ThrottleLimit) + (phase.Any(g => g.IsCreate) ? PreparedAhead : 0);

    /// <summary>Images created and staged ahead of the import throttle's free slots.</summary>
    internal const int PreparedAhead = 1;

    /// <summary>
    /// Items of <paramref name="group"/> whose <see cref="ImageChange.After"/> did not succeed in this run (failed,
    /// skipped, or not approved at all), with the result they get: skipped, the image stays as it is.
    /// </summary>
    private static Dictionary<ImageChange, ExecutedChange> Waiting(ImageGroup group, HashSet<ImageChange> inRun, Dictionary<ImageChange, ExecutedChange> results)
    {
        var waiting = new Dictionary<ImageChange, ExecutedChange>(ReferenceEqualityComparer.Instance);
        lock (results)
        {
            foreach (var item in group.Items)
            {
                var missing = item.After.FirstOrDefault(a => !inRun.Contains(a) || !results.TryGetValue(a, out var done) || done.Result.Outcome != SyncOutcome.Succeeded);
                if (missing is not null)
                {
                    var why = inRun.Contains(missing) ? "did not succeed" : "is not part of this run";
                    waiting[item] = Skipped(item, $"not applied: it waits for '{BareNameHandOff.FinalName(missing)}' of version {missing.Version}, whose import {why}");
                }
            }
        }

        return waiting;
    }

    /// <summary>One unit of work; any exception but the user's cancellation becomes the failed result of the items it reached.</summary>
    private async Task<IReadOnlyList<ExecutedChange>> RunGroupAsync(
        ImageGroup group, HttpClient upstream, Dictionary<ImageChange, ExecutedChange> waiting, IOperationLog log, CancellationToken cancellationToken)
    {
        var ready = new ImageGroup(group.Key, group.Items.Where(i => !waiting.ContainsKey(i)));
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ExecutedChange> outcome;
        try
        {
            outcome = ready.Items.Count == 0 ? []
                : ready.IsCreate ? await RunCreateAsync(ready, upstream, log, cancellationToken).ConfigureAwait(false)
                : await RunImageAsync(ready, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCancellation(ex, cancellationToken))
        {
            outcome = ready.Items.Select(i => Failed(i, clock, FailureOf(i, ex))).ToArray();
        }

        return [.. outcome, .. waiting.Values];
    }

    private async Task<IReadOnlyList<ExecutedChange>> RunCreateAsync(ImageGroup group, HttpClient upstream, IOperationLog log, CancellationToken cancellationToken)
    {
        var create = group.Items.First(i => i.Kind == ImageChangeKind.Create);
        var run = _runFor(create);
        var outcome = await new ImageImporter(run, _options, upstream, log).CreateAsync(create, cancellationToken).ConfigureAwait(false);
        // A 503 or 429 on any step of an import says Glance is overloaded (see ImportThrottle).
        ImportThrottle.For(run.Glance, _options.ThrottleLimit).Saw(outcome.Error);
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
            // A Conflict sends nothing but fails: the plan could not decide it (e.g. a changed checksum without re-import).
            results[item] = item.Kind == ImageChangeKind.Conflict
                ? Failed(item, Stopwatch.StartNew(), new OpenStackException(OpenStackErrorKind.Conflict, item.Description) { Target = item.ImageId })
                : Skipped(item, item.Kind == ImageChangeKind.Orphaned ? "reported only" : "nothing to do");
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
            catch (Exception ex) when (!IsCancellation(ex, cancellationToken))
            {
                // Any exception (a reply cut short, an unexpected answer) fails this step of this image only.
                failure = FailureOf(items[0], ex);
                foreach (var item in items)
                {
                    results[item] = Failed(item, clock, failure);
                }
            }
        }

        // Every applied item reports the image as all its steps left it, not as one step in between.
        return group.Items.Select(i => results[i] ?? Done(i, clock, image, null)).ToArray();
    }

    /// <summary>The user's stop (the run's token) ends the run; any other cancellation is a timeout of one item.</summary>
    private static bool IsCancellation(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>
    /// <paramref name="ex"/> as the engine error front ends turn into an error record (cmdlets) or an ERROR line
    /// (command line) for <paramref name="item"/>: engine errors as they are, anything else named by what it is.
    /// </summary>
    internal static OpenStackException FailureOf(ImageChange item, Exception ex)
    {
        if (ex is OpenStackException known)
        {
            return known;
        }

        var kind = ex switch
        {
            TimeoutException or OperationCanceledException => OpenStackErrorKind.Timeout,
            IOException or HttpRequestException => OpenStackErrorKind.Connection,
            _ => OpenStackErrorKind.Unknown,
        };
        var what = item.Kind == ImageChangeKind.Create ? "the import" : $"{item.Kind} of image {item.ImageId}";
        var message = Http.Redaction.RedactUrls($"{item.ImageName}: {what} failed ({ex.GetType().Name}): {ex.Message}");
        return new OpenStackException(kind, message, ex) { Target = item.ImageId ?? item.ImageName };
    }

    internal static ExecutedChange Skipped(ImageChange item, string why) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Skipped, ImageId = item.ImageId, Message = why, Image = item.Image }, null);

    private static ExecutedChange Done(ImageChange item, Stopwatch clock, GlanceImage? image, string? message) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Succeeded, ImageId = item.ImageId, Duration = clock.Elapsed, Image = image, Message = message ?? "applied" }, null);

    internal static ExecutedChange Failed(ImageChange item, Stopwatch clock, OpenStackException error, string? message = null) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Failed, ImageId = item.ImageId, Duration = clock.Elapsed, Message = message ?? error.Message }, error);
}
