using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Operations;

/// <summary>The image work behind Get-, Set- and Remove-GlanceImage. Decisions live here; cmdlets only ask and show.</summary>
public static class ImageOperations
{
    public static async Task<IReadOnlyList<GlanceImage>> GetAsync(OpenStackSession session, ImageListRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        var live = SessionRegistry.Resolve(session);
        var glance = live.Glance;
        var results = new List<GlanceImage>();
        foreach (var id in request.Ids)
        {
            results.Add(await glance.GetImageAsync(id, cancellationToken).ConfigureAwait(false));
        }

        if (request.Ids.Count > 0 && request.Names.Count == 0 && request.Tags.Count == 0 && !request.Managed)
        {
            return results;
        }

        var exactNames = request.Names.Where(n => !NamePattern.HasWildcards(n)).ToList();
        var patterns = request.Names.Where(NamePattern.HasWildcards).Select(n => new NamePattern(n)).ToList();
        var tags = request.Managed ? request.Tags.Append(request.ManagedTag).Distinct(StringComparer.Ordinal).ToList() : request.Tags.ToList();
        var query = new ImageQuery
        {
            // A wildcard needs the full listing; exact names alone can be filtered by Glance.
            Names = patterns.Count == 0 ? exactNames : [],
            Tags = tags,
            Visibility = request.Visibility?.ToLowerInvariant(),
            Owner = request.Managed ? live.Token.ProjectId : null,
            PageSize = request.PageSize ?? 1000,
        };
        if (!query.NamesFitServerFilter)
        {
            query = query with { Names = [] };
        }

        var listings = request.IncludeHidden ? new[] { query, query with { Hidden = true } } : [query];
        var seen = new HashSet<string>(results.Select(r => r.Id), StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            await foreach (var image in glance.ListImagesAsync(listing, cancellationToken).ConfigureAwait(false))
            {
                if (MatchesNames(image, exactNames, patterns) && (request.Ids.Count == 0 || request.Ids.Contains(image.Id)) && seen.Add(image.Id))
                {
                    results.Add(image);
                }
            }
        }

        log.Verbose($"{results.Count} image(s) from {session.Cloud}.");
        return results;
    }

    public static async Task<GlanceImage> GetByIdAsync(OpenStackSession session, string id, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        return await SessionRegistry.Resolve(session).Glance.GetImageAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one PATCH (and the status action) that takes <paramref name="image"/> to what <paramref name="change"/>
    /// asks. Properties are added with "add" (which replaces in the v2.1 patch dialect) and removed only
    /// when present, because Glance answers 409 for a missing one. Tags go as one "replace /tags": the
    /// "/tags/-" pointer is refused by Glance.
    /// </summary>
    public static ImageUpdatePlan Plan(GlanceImage image, ImageChangeRequest change)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(change);
        var operations = new List<PatchOperation>();
        if (change.Name is { } name && name != image.Name)
        {
            operations.Add(PatchOperation.Replace("name", name));
        }

        foreach (var (key, value) in change.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            EnsureWritable(image, key);
            if (!image.Properties.TryGetValue(key, out var current) || current != value)
            {
                operations.Add(PatchOperation.Add(key, value));
            }
        }

        foreach (var key in change.RemoveProperties.Distinct(StringComparer.Ordinal))
        {
            EnsureWritable(image, key);
            if (image.Properties.ContainsKey(key) && !change.Properties.ContainsKey(key))
            {
                operations.Add(PatchOperation.Remove(key));
            }
        }

        var tags = image.Tags.Union(change.Tags, StringComparer.Ordinal).Except(change.RemoveTags, StringComparer.Ordinal).ToList();
        if (!tags.ToHashSet(StringComparer.Ordinal).SetEquals(image.Tags))
        {
            operations.Add(PatchOperation.Replace("tags", new JsonArray(tags.Order(StringComparer.Ordinal).Select(t => (JsonNode)JsonValue.Create(t)).ToArray())));
        }

        if (change.Visibility is { } visibility && !string.Equals(visibility, image.Visibility, StringComparison.OrdinalIgnoreCase))
        {
            operations.Add(PatchOperation.Replace("visibility", visibility.ToLowerInvariant()));
        }

        if (change.MinDisk is { } minDisk && minDisk != image.MinDisk)
        {
            operations.Add(PatchOperation.Replace("min_disk", minDisk));
        }

        if (change.MinRam is { } minRam && minRam != image.MinRam)
        {
            operations.Add(PatchOperation.Replace("min_ram", minRam));
        }

        if (change.Protected is { } isProtected && isProtected != image.Protected)
        {
            operations.Add(PatchOperation.Replace("protected", isProtected));
        }

        if (change.Hidden is { } hidden && hidden != image.Hidden)
        {
            operations.Add(PatchOperation.Replace("os_hidden", hidden));
        }

        return new ImageUpdatePlan(image, operations, StatusActionFor(image, change.Status));
    }

    /// <summary>Applies a plan: a deactivation after the patch, a reactivation before it.</summary>
    public static async Task<GlanceImage> ApplyAsync(OpenStackSession session, ImageUpdatePlan plan, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        var glance = SessionRegistry.Resolve(session).Glance;
        var image = plan.Image;
        if (plan.StatusAction == StatusAction.Reactivate)
        {
            await glance.ReactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
            image = image with { Status = "active" };
        }

        if (plan.Operations.Count > 0)
        {
            log.Verbose($"Updating image {image.Id}: {string.Join("; ", plan.Operations)}.");
            image = await glance.UpdateImageAsync(image.Id, plan.Operations, cancellationToken).ConfigureAwait(false);
        }

        if (plan.StatusAction == StatusAction.Deactivate)
        {
            await glance.DeactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
            image = image with { Status = "deactivated" };
        }

        return image;
    }

    /// <summary>
    /// A property Set-GlanceImage may set or remove: not a core attribute (it has its own parameter) and
    /// not one Glance owns (os_hash_*, os_glance_*, stores, owner_specified.*, ...), by the same rule
    /// that refuses them in a definition's meta (<see cref="Definitions.MetaSchema.IsReserved"/>).
    /// </summary>
    private static void EnsureWritable(GlanceImage image, string key)
    {
        if (ImageJson.CoreAttributes.Contains(key))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"'{key}' is an image attribute, not a property; use its own parameter") { Target = image.Id };
        }

        if (Definitions.MetaSchema.IsReserved(key))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"'{key}' is owned by Glance (a read-only property) and is never set or removed") { Target = image.Id };
        }
    }

    /// <summary>Refuses a protected image before anything is sent; otherwise deletes it.</summary>
    public static void EnsureDeletable(GlanceImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Protected)
        {
            throw new OpenStackException(
                OpenStackErrorKind.Protected,
                $"image '{image.Name}' ({image.Id}) is protected and cannot be deleted; run Set-GlanceImage -Protected:$false first")
            { Target = image.Id };
        }
    }

    public static async Task RemoveAsync(OpenStackSession session, GlanceImage image, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        EnsureDeletable(image);
        try
        {
            await SessionRegistry.Resolve(session).Glance.DeleteImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.Forbidden && ex.ServiceMessage?.Contains("protected", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Protected since the object was read.
            throw new OpenStackException(OpenStackErrorKind.Protected, $"image '{image.Name}' ({image.Id}) is protected and cannot be deleted: {ex.Message}", ex) { Target = image.Id };
        }

        log.Verbose($"Deleted image '{image.Name}' ({image.Id}).");
    }

    private static StatusAction StatusActionFor(GlanceImage image, string? status)
    {
        if (status is null || string.Equals(status, image.Status, StringComparison.OrdinalIgnoreCase))
        {
            return StatusAction.None;
        }

        var wanted = status.ToLowerInvariant();
        if (wanted is not ("active" or "deactivated"))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"status '{status}' cannot be set; use Active or Deactivated") { Target = image.Id };
        }

        if (image.Status is not ("active" or "deactivated"))
        {
            throw new OpenStackException(
                OpenStackErrorKind.InvalidRequest,
                $"image '{image.Name}' ({image.Id}) is {image.Status}; only an active image can be deactivated and only a deactivated one reactivated")
            { Target = image.Id };
        }

        return wanted == "deactivated" ? StatusAction.Deactivate : StatusAction.Reactivate;
    }

    private static bool MatchesNames(GlanceImage image, List<string> exactNames, List<NamePattern> patterns) =>
        (exactNames.Count == 0 && patterns.Count == 0)
        || exactNames.Contains(image.Name, StringComparer.Ordinal)
        || patterns.Any(p => p.IsMatch(image.Name));
}
