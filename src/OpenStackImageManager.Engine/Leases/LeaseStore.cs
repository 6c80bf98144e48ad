using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>
/// The catalog lease's storage in Glance, per (project, managed tag). Epoch <c>n</c> is an image with the
/// fixed id <see cref="LeaseIds.For"/>(project, tag, n); creating it is the compare-and-set: Glance's
/// primary key on image ids lets exactly one POST with that id succeed (the others get 409), also for
/// an id whose image was deleted. The newest epoch is the lease's state; older epochs are deleted by
/// whoever wins a newer one. (Image members are no such primitive: Glance adds a member by a read
/// followed by an insert, and its unique key includes a NULL deleted_at, so two concurrent adds can both succeed.)
/// </summary>
internal sealed class LeaseStore(GlanceClient glance, string projectId, string managedTag)
{
    /// <summary>The tag lease images carry (never the managed tag itself, so no inventory ever lists them).</summary>
    public string LeaseTag { get; } = "oim_lease:" + managedTag;

    public string ProjectId { get; } = projectId;

    public string ManagedTag { get; } = managedTag;

    /// <summary>Every well-formed lease epoch of (project, tag) Glance has, newest first.</summary>
    public async Task<IReadOnlyList<LeaseRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var query = new ImageQuery { Tags = [LeaseTag], Owner = ProjectId };
        // Lease images are os_hidden; list both ways so one a user un-hid still counts.
        var images = await glance.ListImagesAsync([query with { Hidden = true }, query], cancellationToken).ConfigureAwait(false);
        return images.Select(i => LeaseRecord.From(i, ProjectId, ManagedTag)).OfType<LeaseRecord>().OrderByDescending(r => r.Epoch).ToArray();
    }

    /// <summary>The newest epoch, or null when no run ever took the lease.</summary>
    public async Task<LeaseRecord?> CurrentAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>
    /// Creates epoch <paramref name="epoch"/> held by <paramref name="runId"/>: the record when this call
    /// won, null when the id is taken (another run won that epoch, or its image was deleted).
    /// </summary>
    public async Task<LeaseRecord?> TryCreateAsync(long epoch, string runId, string holder, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var id = LeaseIds.For(ProjectId, ManagedTag, epoch);
        var attributes = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"oim lease {ManagedTag} #{epoch.ToString(CultureInfo.InvariantCulture)}",
            ["visibility"] = "private",
            ["os_hidden"] = true,
            ["tags"] = new JsonArray(LeaseTag),
            [LeaseRecord.EpochKey] = epoch.ToString(CultureInfo.InvariantCulture),
            [LeaseRecord.RunKey] = runId,
            [LeaseRecord.HolderKey] = holder,
            [LeaseRecord.ExpiresKey] = LeaseRecord.Format(expires),
        };
        try
        {
            var image = await glance.CreateImageAsync(attributes, cancellationToken).ConfigureAwait(false);
            return LeaseRecord.From(image, ProjectId, ManagedTag);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Whether epoch <paramref name="epoch"/>'s image exists now (a deleted one does not).</summary>
    public async Task<LeaseRecord?> GetAsync(long epoch, CancellationToken cancellationToken)
    {
        try
        {
            var image = await glance.GetImageAsync(LeaseIds.For(ProjectId, ManagedTag, epoch), cancellationToken).ConfigureAwait(false);
            return LeaseRecord.From(image, ProjectId, ManagedTag);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes a new expiry (and the released mark) to the holder's own epoch; only its holder ever writes it.</summary>
    public async Task<LeaseRecord?> WriteAsync(LeaseRecord record, DateTimeOffset expires, bool released, CancellationToken cancellationToken)
    {
        var operations = new List<PatchOperation> { PatchOperation.Add(LeaseRecord.ExpiresKey, LeaseRecord.Format(expires)) };
        if (released)
        {
            operations.Add(PatchOperation.Add(LeaseRecord.ReleasedKey, "true"));
        }

        try
        {
            var image = await glance.UpdateImageAsync(record.ImageId, operations, cancellationToken).ConfigureAwait(false);
            return LeaseRecord.From(image, ProjectId, ManagedTag);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            // A newer holder deleted it: the lease is gone.
            return null;
        }
    }

    /// <summary>Deletes an older epoch's image (its id is never needed again: epochs only grow).</summary>
    public async Task DeleteAsync(LeaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await glance.DeleteImageAsync(record.ImageId, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
        }
    }
}
