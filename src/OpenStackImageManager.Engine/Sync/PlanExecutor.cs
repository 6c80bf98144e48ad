using System.Diagnostics;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Applies approved plan items of any planner. Items of one image run in plan order by one worker:
/// every PATCH-able change of the image becomes ONE JSON-patch request (sent where the first of them
/// stands), Deactivate/Reactivate/Delete are their own calls in plan order. Different images run in
/// parallel up to <see cref="ExecutionOptions.ThrottleLimit"/>. See <see cref="PlanGroups"/> for the phases.
/// </summary>
public sealed class PlanExecutor
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
        var failed = 0;
        foreach (var phase in PlanGroups.Phases(approved))
        {
            var destructive = phase.Any(g => g.Deletes);
            if (destructive && Volatile.Read(ref failed) > 0)
            {
                foreach (var item in phase.SelectMany(g => g.Items))
                {
                    results[item] = Skipped(item, "not deleted: an earlier item of this run failed");
                }

                continue;
            }

            await Parallel.ForEachAsync(
                phase,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ThrottleLimit), CancellationToken = cancellationToken },
                async (group, token) =>
                {
                    var outcome = group.IsCreate
                        ? await RunCreateAsync(group, log, token).ConfigureAwait(false)
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

    private async Task<IReadOnlyList<ExecutedChange>> RunCreateAsync(ImageGroup group, IOperationLog log, CancellationToken cancellationToken)
    {
        var create = group.Items.First(i => i.Kind == ImageChangeKind.Create);
        var run = _runFor(create);
        var outcome = await new ImageImporter(run, _options, log).CreateAsync(create, cancellationToken).ConfigureAwait(false);
        return group.Items.Select(i => i == create ? outcome : Skipped(i, "applied with the create")).ToArray();
    }

    private async Task<IReadOnlyList<ExecutedChange>> RunImageAsync(ImageGroup group, IOperationLog log, CancellationToken cancellationToken)
    {
        var results = new List<ExecutedChange>();
        var first = group.Items[0];
        if (first.Image is null || first.ImageId is null)
        {
            return group.Items.Select(i => Skipped(i, "no image to change")).ToArray();
        }

        var glance = _runFor(first).Glance;
        var image = first.Image;
        var patchItems = group.Items.Where(i => ImageGroup.IsPatch(i.Kind)).ToList();
        var patched = false;
        var clock = Stopwatch.StartNew();
        foreach (var item in group.Items)
        {
            try
            {
                switch (item.Kind)
                {
                    case var kind when ImageGroup.IsPatch(kind):
                        if (!patched)
                        {
                            var operations = PatchBuilder.Build(patchItems);
                            log.Verbose($"PATCH image {image.Id} ({image.Name}): {string.Join("; ", operations)}");
                            image = await glance.UpdateImageAsync(image.Id, operations, cancellationToken).ConfigureAwait(false);
                            patched = true;
                        }

                        break;
                    case ImageChangeKind.Deactivate:
                        await glance.DeactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
                        image = image with { Status = "deactivated" };
                        break;
                    case ImageChangeKind.Reactivate:
                        await glance.ReactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
                        image = image with { Status = "active" };
                        break;
                    case ImageChangeKind.Delete:
                        Operations.ImageOperations.EnsureDeletable(image);
                        try
                        {
                            await glance.DeleteImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
                        }
                        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.Conflict)
                        {
                            // In use (docs/BEHAVIOUR.md, "Rotation and cleanup"): not an error of the run; the image stays as the earlier items left it.
                            var why = $"image '{image.Name}' ({image.Id}) is in use and was not deleted; it stays {image.Status}, {image.Visibility}: {ex.Message}";
                            log.Warning(why);
                            results.Add(Skipped(item, why));
                            continue;
                        }

                        results.Add(Done(item, clock, null, "deleted"));
                        continue;
                    default:
                        results.Add(Skipped(item, item.Kind == ImageChangeKind.Orphaned ? "reported only" : "nothing to do"));
                        continue;
                }

                results.Add(Done(item, clock, image, null));
            }
            catch (Exception ex) when (ex is OpenStackException && !cancellationToken.IsCancellationRequested)
            {
                var error = (OpenStackException)ex;
                // The rest of this image's items depend on what failed (a delete after a failed deactivate): not attempted.
                results.Add(Failed(item, clock, error));
                foreach (var rest in group.Items.Skip(group.Items.IndexOf(item) + 1))
                {
                    results.Add(Failed(rest, clock, error, $"not attempted: {error.Message}"));
                }

                break;
            }
        }

        return results;
    }

    internal static ExecutedChange Skipped(ImageChange item, string why) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Skipped, ImageId = item.ImageId, Message = why, Image = item.Image }, null);

    private static ExecutedChange Done(ImageChange item, Stopwatch clock, GlanceImage? image, string? message) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Succeeded, ImageId = item.ImageId, Duration = clock.Elapsed, Image = image, Message = message ?? "applied" }, null);

    internal static ExecutedChange Failed(ImageChange item, Stopwatch clock, OpenStackException error, string? message = null) =>
        new(new ImageSyncResult { Change = item, Outcome = SyncOutcome.Failed, ImageId = item.ImageId, Duration = clock.Elapsed, Message = message ?? error.Message }, error);
}

/// <summary>A result and, when it failed, the engine error the front end turns into an error record.</summary>
public sealed record ExecutedChange(ImageSyncResult Result, OpenStackException? Error);

/// <summary>Switches of an apply run.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Images worked on at once.</summary>
    public int ThrottleLimit { get; init; } = Defaults.ThrottleLimit;

    /// <summary>How long one import may take, from create to active.</summary>
    public TimeSpan ImportTimeout { get; init; } = Defaults.ImportTimeout;

    /// <summary>Null: each Create uses the method its plan item names.</summary>
    public ImportMethod? ImportMethod { get; init; }

    public ChecksumPolicy ChecksumPolicy { get; init; } = ChecksumPolicy.Require;

    /// <summary>First and longest pause between status polls of an import.</summary>
    public TimeSpan PollMinimum { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PollMaximum { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries and resume of the download when the bytes pass through us (the mirror's settings).</summary>
    public Transfer.UpstreamOptions Upstream { get; init; } = new();
}
