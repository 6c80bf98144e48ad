using System.CommandLine;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// --share-image: share one image with a project or with every project of a domain, or remove the
/// sharing (the Python tool's sharing mode; nothing else is done in that run). Unlike the Python tool,
/// a private image is made <c>shared</c> first, since Glance keeps members only on shared images.
/// </summary>
internal sealed class ShareJob(ManagerOptions options, ParseResult parse, ConsoleLog log)
{
    public async Task<int> RunAsync(OpenStackSession session, string imageNameOrId, CancellationToken cancellationToken)
    {
        var target = parse.GetValue(options.ShareTarget);
        if (string.IsNullOrWhiteSpace(target))
        {
            log.Error("--share-image needs --share-target (a project, or a domain with --share-type domain).");
            return Program.ExitUsage;
        }

        var image = await SharingOperations.ResolveImageAsync(session, new GlanceImageReference(imageNameOrId), log, cancellationToken).ConfigureAwait(false);
        var byDomain = parse.GetValue(options.ShareType) == "domain";
        var targets = await SharingOperations.ResolveTargetsAsync(
            session,
            byDomain ? [] : [target],
            projectDomain: byDomain ? null : parse.GetValue(options.ShareDomain),
            domain: byDomain ? target : null,
            log,
            cancellationToken).ConfigureAwait(false);

        var add = parse.GetValue(options.ShareAction) == "add";
        // Every target goes to the engine, as Grant-/Revoke-GlanceImageAccess do: it decides that the
        // owner's own project needs no membership (a domain holds it too).
        foreach (var project in targets)
        {
            if (parse.GetValue(options.DryRun))
            {
                log.Verbose($"Dry run: would {(add ? "share" : "unshare")} '{image.Name}' ({image.Id}) {(add ? "with" : "from")} project {project.ProjectName} ({project.ProjectId}).");
                continue;
            }

            if (add)
            {
                // The image that comes back is the one Glance now holds (made shared by the first grant).
                var granted = await SharingOperations.GrantAsync(session, image, project, log, cancellationToken).ConfigureAwait(false);
                image = granted.Image;
                log.Verbose($"Shared '{image.Name}' ({image.Id}) with project {project.ProjectName} ({project.ProjectId}){(granted.Member is null ? string.Empty : $": member status {granted.Member.Status}")}.");
            }
            else
            {
                var removed = await SharingOperations.RevokeAsync(session, image, project, log, cancellationToken).ConfigureAwait(false);
                log.Verbose(removed
                    ? $"Removed project {project.ProjectName} ({project.ProjectId}) from '{image.Name}' ({image.Id})."
                    : $"Project {project.ProjectName} ({project.ProjectId}) was not a member of '{image.Name}' ({image.Id}).");
            }
        }

        return Program.ExitOk;
    }
}
