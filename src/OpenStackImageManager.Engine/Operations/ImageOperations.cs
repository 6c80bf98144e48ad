using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Operations;

/// <summary>The image work behind Get-, Set- and Remove-GlanceImage. Decisions live here; cmdlets only ask and show.</summary>
public static class ImageOperations
{
    public static async Task<IReadOnlyList<GlanceImage>> GetAsync(OpenStackSession session, ImageListRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        var live = SessionRegistry.Resolve(session);
        var glance = live.Glance.WithLog(log);
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

        var listed = await glance.ListImagesAsync(request.IncludeHidden ? [query, query with { Hidden = true }] : [query], cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(results.Select(r => r.Id), StringComparer.Ordinal);
        results.AddRange(listed.Where(image => MatchesNames(image, exactNames, patterns) && (request.Ids.Count == 0 || request.Ids.Contains(image.Id)) && seen.Add(image.Id)));

        log.Verbose($"{results.Count} image(s) from {session.Cloud}.");
        return results;
    }

    /// <summary>
    /// The images whose names match <paramref name="names"/> (-Name of Set-, Remove-GlanceImage and the
    /// sharing cmdlets): one listing of every image the project sees, hidden ones included, matched with
    /// <see cref="NamePattern"/> (PowerShell's semantics, case-insensitive also without wildcards,
    /// because Glance's own name filter is exact and case-sensitive). Each image once, in name order of
    /// the request; <see cref="ImagesByName.NotFound"/> lists the names without wildcards that matched nothing.
    /// </summary>
    public static async Task<ImagesByName> FindByNameAsync(OpenStackSession session, IReadOnlyList<string> names, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var patterns = names.Select(n => new NamePattern(n)).ToList();
        var listed = await GetAsync(session, new ImageListRequest { Visibility = "all", IncludeHidden = true }, log, cancellationToken).ConfigureAwait(false);
        var found = new List<GlanceImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notFound = new List<string>();
        foreach (var pattern in patterns)
        {
            var matched = listed.Where(i => pattern.IsMatch(i.Name ?? string.Empty)).ToList();
            if (matched.Count == 0 && !NamePattern.HasWildcards(pattern.Pattern))
            {
                notFound.Add(pattern.Pattern);
            }

            found.AddRange(matched.Where(m => seen.Add(m.Id)));
        }

        return new ImagesByName(found, notFound);
    }

    public static async Task<GlanceImage> GetByIdAsync(OpenStackSession session, string id, IOperationLog log, CancellationToken cancellationToken)
    {
        return await SessionRegistry.Resolve(session).Glance.WithLog(log).GetImageAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What Set-GlanceImage would change: plan items for what differs between <paramref name="image"/> and
    /// <paramref name="change"/>, applied like every plan with <see cref="SyncOperations.ApplyAsync"/>
    /// (one JSON patch: properties with "add", removals only of present keys, tags as one "replace /tags").
    /// Throws for a request that may not be sent (a core attribute or a Glance-owned property, a status
    /// that cannot be set), before anything is sent.
    /// </summary>
    public static IReadOnlyList<ImageChange> Plan(OpenStackSession session, GlanceImage image, ImageChangeRequest change)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(change);
        return ImageUpdatePlanner.Plan(session, image, change);
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
        EnsureDeletable(image);
        try
        {
            await SessionRegistry.Resolve(session).Glance.WithLog(log).DeleteImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.Forbidden && ex.ServiceMessage?.Contains("protected", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Protected since the object was read.
            throw new OpenStackException(OpenStackErrorKind.Protected, $"image '{image.Name}' ({image.Id}) is protected and cannot be deleted: {ex.Message}", ex) { Target = image.Id };
        }

        log.Verbose($"Deleted image '{image.Name}' ({image.Id}).");
    }

    private static bool MatchesNames(GlanceImage image, List<string> exactNames, List<NamePattern> patterns) =>
        (exactNames.Count == 0 && patterns.Count == 0)
        || exactNames.Contains(image.Name, StringComparer.Ordinal)
        || patterns.Any(p => p.IsMatch(image.Name));
}

/// <summary>What <see cref="ImageOperations.FindByNameAsync"/> found, and the exact names that matched nothing.</summary>
public sealed record ImagesByName(IReadOnlyList<GlanceImage> Images, IReadOnlyList<string> NotFound);
