using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>The work behind Invoke-ImageRotation: plan rotation alone (no sync, no upstream checks) and apply through the plan executor.</summary>
public static class RotationOperations
{
    /// <summary>Rotation items for <paramref name="definitions"/> from one listing of the project's managed images.</summary>
    public static async Task<IReadOnlyList<ImageChange>> PlanAsync(
        OpenStackSession session, IReadOnlyList<ImageDefinition> definitions, string managedTag, ImageRotationOptions options, bool hadErrors,
        IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var images = await SyncOperations.ListManagedAsync(session, managedTag, log, cancellationToken).ConfigureAwait(false);
        var context = new PlanContext
        {
            Session = session,
            Definitions = definitions,
            Inventory = new ImageInventory(images, definitions),
            Options = new PlanOptions { ManagedTag = managedTag },
            Capabilities = _ => throw new InvalidOperationException("rotation creates no images"),
            Latest = (_, _) => throw new InvalidOperationException("rotation checks no upstream"),
            Log = log,
        };
        log.Verbose($"Rotation of {definitions.Count} definition(s) over {images.Count} managed image(s) in {session.Cloud}: {options}.");
        return await new RotationPlanner(options, hadErrors).PlanAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies approved rotation items through the one executor (destructive ones last, and not at all after a
    /// failure in the run), under the catalog lease (<paramref name="lease"/>: how long to wait for another run's).
    /// </summary>
    public static Task<IReadOnlyList<ExecutedChange>> ApplyAsync(
        IReadOnlyList<ImageChange> approved, OpenStackSession session, int throttleLimit, IOperationLog log, CancellationToken cancellationToken, Leases.LeaseOptions? lease = null) =>
        SyncOperations.ApplyAsync(approved, session, new ExecutionOptions { ThrottleLimit = throttleLimit, Lease = lease ?? new() }, log, cancellationToken);
}
