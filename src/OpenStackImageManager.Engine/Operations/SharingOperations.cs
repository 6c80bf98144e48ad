using OpenStackImageManager.Engine.Identity;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Operations;

/// <summary>A project an image is (to be) shared with.</summary>
public sealed record ShareTarget(string ProjectId, string ProjectName);

/// <summary>What a grant did: the image as it is now (its visibility may have changed) and the membership, if one was made.</summary>
public sealed record GrantResult(GlanceImage Image, GlanceImageMember? Member);

/// <summary>Grant-/Revoke-GlanceImageAccess: image members, resolved from project or domain names.</summary>
public static class SharingOperations
{
    /// <summary>The image an id, name or object refers to; a name must match exactly one image.</summary>
    public static async Task<GlanceImage> ResolveImageAsync(OpenStackSession session, GlanceImageReference reference, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Image is { } image)
        {
            return image;
        }

        if (reference.LooksLikeId)
        {
            return await ImageOperations.GetByIdAsync(session, reference.Value, log, cancellationToken).ConfigureAwait(false);
        }

        var found = await ImageOperations.GetAsync(session, new ImageListRequest { Names = [reference.Value] }, log, cancellationToken).ConfigureAwait(false);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new OpenStackException(OpenStackErrorKind.NotFound, $"no image named '{reference.Value}' in {session.Cloud}") { Target = reference.Value },
            _ => throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{found.Count} images are named '{reference.Value}' in {session.Cloud}; give the id ({string.Join(", ", found.Select(i => i.Id))})") { Target = reference.Value },
        };
    }

    /// <summary>The projects named directly, or every project of <paramref name="domain"/> (the Python tool's domain sharing).</summary>
    public static async Task<IReadOnlyList<ShareTarget>> ResolveTargetsAsync(
        OpenStackSession session, IReadOnlyList<string> projects, string? projectDomain, string? domain, IOperationLog log, CancellationToken cancellationToken)
    {
        var identity = SessionRegistry.Resolve(session).Identity.WithLog(log);
        string? domainId = null;
        // The domain only narrows a lookup by name; ids need none (and ordinary users may not read domains).
        if (projectDomain is not null && projects.Any(p => !IdentityClient.LooksLikeId(p)))
        {
            domainId = (await identity.FindDomainAsync(projectDomain, cancellationToken).ConfigureAwait(false)).Id;
        }

        if (domain is not null)
        {
            var found = await identity.FindDomainAsync(domain, cancellationToken).ConfigureAwait(false);
            var inDomain = await identity.ListProjectsInDomainAsync(found.Id, cancellationToken).ConfigureAwait(false);
            log.Verbose($"Domain '{found.Name}' has {inDomain.Count} project(s).");
            return inDomain.Select(p => new ShareTarget(p.Id, p.Name)).ToArray();
        }

        var targets = new List<ShareTarget>();
        foreach (var project in projects)
        {
            var found = await identity.FindProjectAsync(project, domainId, cancellationToken).ConfigureAwait(false);
            targets.Add(new ShareTarget(found.Id, found.Name));
        }

        return targets;
    }

    /// <summary>
    /// Makes <paramref name="target"/> a member: visibility private → shared first (Glance keeps members
    /// only on shared images), then the member, then its acceptance when this session may accept for it
    /// (an admin may; an owner may not accept for another project).
    /// </summary>
    public static async Task<GrantResult> GrantAsync(OpenStackSession session, GlanceImage image, ShareTarget target, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        var live = SessionRegistry.Resolve(session);
        var glance = live.Glance.WithLog(log);
        if (target.ProjectId == image.Owner)
        {
            // A domain holds the owner's project too; the owner needs no membership.
            log.Verbose($"Project {target.ProjectName} owns '{image.Name}'; no member needed.");
            return new GrantResult(image, null);
        }

        if (image.Visibility is "public" or "community")
        {
            log.Warning($"Image '{image.Name}' ({image.Id}) is {image.Visibility}: every project sees it already; no member added for {target.ProjectName}.");
            return new GrantResult(image, null);
        }

        if (image.Visibility != "shared")
        {
            log.Verbose($"Setting visibility of '{image.Name}' ({image.Id}) from {image.Visibility} to shared.");
            image = await glance.UpdateImageAsync(image.Id, [Glance.PatchOperation.Replace("visibility", "shared")], cancellationToken).ConfigureAwait(false);
        }

        var member = await glance.GetMemberAsync(image.Id, target.ProjectId, cancellationToken).ConfigureAwait(false)
            ?? await glance.AddMemberAsync(image.Id, target.ProjectId, cancellationToken).ConfigureAwait(false);
        if (member.Status != "accepted")
        {
            if (live.Token.IsAdmin || live.Token.ProjectId == target.ProjectId)
            {
                member = await glance.UpdateMemberStatusAsync(image.Id, target.ProjectId, "accepted", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                log.Verbose($"Project {target.ProjectName} is a member of '{image.Name}' with status {member.Status}; it must accept the image itself (or an admin for it).");
            }
        }

        return new GrantResult(image, member);
    }

    /// <summary>Removes the membership; a project that is not a member is not an error.</summary>
    public static async Task<bool> RevokeAsync(OpenStackSession session, GlanceImage image, ShareTarget target, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            await SessionRegistry.Resolve(session).Glance.WithLog(log).RemoveMemberAsync(image.Id, target.ProjectId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            log.Verbose($"Project {target.ProjectName} was not a member of '{image.Name}' ({image.Id}).");
            return false;
        }
    }
}
