using System.Management.Automation;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Deletes images; refuses protected ones before anything is sent.</summary>
[Cmdlet(VerbsCommon.Remove, "GlanceImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveGlanceImageCommand : ImageTargetCmdlet
{
    protected override void ProcessRecord()
    {
        var session = ResolveSession();
        var image = session is null ? null : CurrentImage(session);
        if (session is null || image is null)
        {
            return;
        }

        try
        {
            ImageOperations.EnsureDeletable(image);
        }
        catch (OpenStackException ex)
        {
            WriteError(ErrorRecords.From(ex, image));
            return;
        }

        if (!ShouldProcess(Describe(image), "Delete"))
        {
            return;
        }

        TryEngine(async (log, token) =>
        {
            await ImageOperations.RemoveAsync(session, image, log, token).ConfigureAwait(false);
            return true;
        }, image);
    }
}
