using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
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
        var inventory = new ImageInventory(images, definitions);
        Report(inventory, session, log);
        var all = new List<ImageChange>();
        // One settings object for the whole plan: every item carries the run's decisions to the apply step.
        var settings = options.ToSettings();
        IEnumerable<IImagePlanner> chain = planners is null ? [new SyncPlanner()] : [new SyncPlanner(), .. planners];
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

        var executor = new PlanExecutor(options, RunFor);
        return await executor.ExecuteAsync(approved, log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<GlanceImage>> ListManagedAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var query = new ImageQuery { Tags = [run.ManagedTag], Owner = run.ProjectId };
        var images = new List<GlanceImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listing in new[] { query, query with { Hidden = true } })
        {
            await foreach (var image in run.Glance.ListImagesAsync(listing, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(image.Id))
                {
                    images.Add(image);
                }
            }
        }

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
