using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;

namespace OpenStackImageManager.Commands;

/// <summary>Stops sharing an image with projects (removes their membership); the visibility stays.</summary>
[Cmdlet(VerbsSecurity.Revoke, "GlanceImageAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProjectSet)]
[OutputType(typeof(void))]
public sealed class RevokeGlanceImageAccessCommand : ImageAccessCmdlet
{
    protected override void ProcessRecord()
    {
        if (Resolve() is not { } resolved)
        {
            return;
        }

        var (session, images, targets) = resolved;
        foreach (var image in images)
        {
            foreach (var target in targets)
            {
                if (ShouldProcess(Describe(image), $"Stop sharing with {Describe(target)}"))
                {
                    TryEngine((log, token) => SharingOperations.RevokeAsync(session, image, target, log, token), image);
                }
            }
        }
    }
}
