using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Leases;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>The work behind Compare-GlanceImage and Sync-GlanceImage (and Invoke-ImageRotation's planner).</summary>
public static class SyncOperations
{
    /// <summary>
    /// One listing of the project's managed images (visible and os_hidden ones, every page): images
    /// with the managed tag owned by the session's project.
    /// </summary>
    public static async Task<IReadOnlyList<GlanceImage>> ListManagedAsync(OpenStackSession session, string managedTag, IOperationLog log, CancellationToken cancellationToken)
    {
        var run = SyncRun.For(session, managedTag, log);
        return await ListManagedAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The plan for <paramref name="definitions"/>: the sync planner, then <paramref name="planners"/>
    /// (rotation) in order, all from one inventory.
    /// </summary>
    public static async Task<IReadOnlyList<ImageChange>> PlanAsync(
        OpenStackSession session, IReadOnlyList<ImageDefinition> definitions, PlanOptions options, IEnumerable<IImagePlanner>? planners, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = SyncRun.For(session, options.ManagedTag, log);
        // The plan's upstream look-ups (latest digests) share one client that ends with the plan.
        using var upstream = new UpstreamHttp(options.Upstream);
        var images = await ListManagedAsync(run, cancellationToken).ConfigureAwait(false);
        var inventory = new ImageInventory(images, definitions, await LiveHolderAsync(run, images, cancellationToken).ConfigureAwait(false));
        Report(inventory, session, log);
        var all = new List<ImageChange>();
        // One settings object for the whole plan: every item carries the run's decisions to the apply step.
        var settings = options.ToSettings();
        IEnumerable<IImagePlanner> chain = planners is null ? [new SyncPlanner()] : [new SyncPlanner(), .. planners];
        // The delete switches are rotation's; a run that rotates with them deletes retired duplicates too.
        var deleteDuplicates = chain.OfType<Rotation.RotationPlanner>().Any(r => r.Options.Delete && !r.HadErrors);
        foreach (var planner in chain)
        {
            var context = new PlanContext
            {
                Session = session,
                Definitions = definitions,
                Inventory = inventory,
                Options = options,
                Settings = settings,
                Planned = all.ToArray(),
                DeleteDuplicates = deleteDuplicates,
                Capabilities = run.CapabilitiesAsync,
                Latest = (version, token) => LatestChecker.CheckAsync(version, upstream.Client, token),
                Log = log,
            };
            all.AddRange(await planner.PlanAsync(context, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    /// <summary>
    /// Applies approved items of any planner; one result per item in their order. Each item applies as it
    /// was planned: its import method, checksum policy and managed tag travel with it
    /// (<see cref="ImageChange.Settings"/>), and <paramref name="options"/> holds only execution knobs.
    /// Items carry their session; <paramref name="session"/> overrides it.
    /// </summary>
    /// <remarks>
    /// Catalog changes (sync, rotation and cleanup items that write) run under the catalog lease of their
    /// project and managed tag (docs/BEHAVIOUR.md, "Overlapping runs"): taken first (waiting up to
    /// <see cref="LeaseOptions.Wait"/>, else <see cref="LeaseHeldException"/> and nothing is changed),
    /// renewed while the items run, released at the end, also after a failure or a cancellation. Under
    /// it the plan is checked against a new listing (<see cref="PlanFreshness"/>). A lost lease stops the
    /// run with <see cref="LeaseLostException"/>. Single-image commands (Set-GlanceImage) take no lease.
    /// </remarks>
    public static async Task<IReadOnlyList<ExecutedChange>> ApplyAsync(
        IReadOnlyList<ImageChange> approved, OpenStackSession? session, ExecutionOptions options, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var runs = new Dictionary<(Guid, string), SyncRun>();
        SyncRun RunFor(ImageChange item)
        {
            var target = session ?? item.Session
                ?? throw new Errors.OpenStackException(Errors.OpenStackErrorKind.InvalidRequest, $"{item.ImageName}: the plan item names no session; pass -Session or -Cloud");
            var key = (target.Handle, item.Settings.ManagedTag);
            lock (runs)
            {
                return runs.TryGetValue(key, out var run) ? run : runs[key] = SyncRun.For(target, key.Item2, log);
            }
        }

        ArgumentNullException.ThrowIfNull(options);
        var leased = approved.Where(NeedsLease).ToArray();
        var leasedRuns = leased.Select(RunFor).Distinct().ToArray();
        var leases = new List<CatalogLease>();
        try
        {
            var skipped = new Dictionary<ImageChange, string>(ReferenceEqualityComparer.Instance);
            foreach (var run in leasedRuns)
            {
                leases.Add(await CatalogLease.AcquireAsync(run.Leases, run.RunId, run.Session.Cloud, options.Lease, log, cancellationToken).ConfigureAwait(false));
                var images = await ListManagedAsync(run, cancellationToken).ConfigureAwait(false);
                foreach (var (item, why) in PlanFreshness.Stale(leased.Where(i => RunFor(i) == run).ToArray(), images))
                {
                    log.Warning($"{item.Description}: {why}.");
                    skipped[item] = why;
                }
            }

            var executor = new PlanExecutor(options, RunFor);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource([cancellationToken, .. leases.Select(l => l.Lost)]);
            IReadOnlyList<ExecutedChange> done;
            try
            {
                done = await executor.ExecuteAsync(approved.Where(i => !skipped.ContainsKey(i)).ToArray(), log, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && leases.FirstOrDefault(l => l.Lost.IsCancellationRequested) is { } lost)
            {
                throw new LeaseLostException(lost.LostBecause ?? "the catalog lease was lost");
            }

            var results = new Dictionary<ImageChange, ExecutedChange>(ReferenceEqualityComparer.Instance);
            foreach (var executed in done)
            {
                results[executed.Result.Change] = executed;
            }

            return approved.Select(i => results.TryGetValue(i, out var result) ? result : PlanExecutor.Skipped(i, skipped[i])).ToArray();
        }
        finally
        {
            foreach (var lease in leases)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A Delete of an image whose bytes nobody verified (a pending leftover, a failed import): cleanup, not a
    /// catalog delete, so it needs neither the rotation delete switches nor a second confirmation.
    /// </summary>
    public static bool IsCleanup(ImageChange item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return DuplicateHealing.IsCleanup(item);
    }

    /// <summary>Items that change the catalog: they write, and a catalog planner (not a single-image command) made them.</summary>
    private static bool NeedsLease(ImageChange item) =>
        item.Planner != Operations.ImageUpdatePlanner.PlannerName
        && (item.Kind == ImageChangeKind.Create || ImageWrites.StepOf(item.Kind) is not null);

    /// <summary>
    /// The run that holds the catalog lease now, when the listing has pending images (else no request):
    /// its in-flight images are not leftovers.
    /// </summary>
    private static async Task<string?> LiveHolderAsync(SyncRun run, IReadOnlyList<GlanceImage> images, CancellationToken cancellationToken)
    {
        if (!images.Any(i => i.Properties.ContainsKey(DesiredImage.PendingKey)))
        {
            return null;
        }

        var current = await run.Leases.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return current is not null && current.IsLive(DateTimeOffset.UtcNow) ? current.RunId : null;
    }

    private static async Task<IReadOnlyList<GlanceImage>> ListManagedAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var query = new ImageQuery { Tags = [run.ManagedTag], Owner = run.ProjectId };
        var images = await run.Glance.ListImagesAsync([query, query with { Hidden = true }], cancellationToken).ConfigureAwait(false);
        run.HashAlgorithm = images.Select(i => i.HashAlgorithm).FirstOrDefault(a => !string.IsNullOrEmpty(a));
        return images;
    }

    private static void Report(ImageInventory inventory, OpenStackSession session, IOperationLog log)
    {
        log.Verbose($"{inventory.Images.Count} managed image(s) in {session.Cloud}; {inventory.Unmatched.Count} claimed by no given definition.");
        foreach (var group in inventory.DuplicateNames)
        {
            log.Warning($"{group.Count} managed images in {session.Cloud} are named '{group[0].Name}': {string.Join(", ", group.Select(i => $"{i.Id} ({i.Status})"))}.");
        }
    }
}
