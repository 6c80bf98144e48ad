using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Shares an image with projects: visibility shared when it was private, a member per project, accepted when the session may.</summary>
[Cmdlet(VerbsSecurity.Grant, "GlanceImageAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProjectSet)]
[OutputType(typeof(GlanceImageMember))]
public sealed class GrantGlanceImageAccessCommand : ImageAccessCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Resolve() is not { } resolved)
        {
            return;
        }

        var (session, images, targets) = resolved;
        foreach (var each in images)
        {
            Grant(session, each, targets);
        }
    }

    private void Grant(OpenStackSession session, GlanceImage image, IReadOnlyList<ShareTarget> targets)
    {
        foreach (var target in targets)
        {
            if (!ShouldProcess(Describe(image), $"Share with {Describe(target)}"))
            {
                continue;
            }

            var current = image;
            var result = TryEngine((log, token) => SharingOperations.GrantAsync(session, current, target, log, token), image);
            // The first grant may have made the image shared; later grants must not patch it again.
            image = result?.Image ?? image;
            if (result?.Member is { } member && PassThru)
            {
                WriteObject(member);
            }
        }
    }
}
