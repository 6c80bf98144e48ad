using System.Management.Automation;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Deletes images given as objects, by id or by name; refuses protected ones before anything is sent.</summary>
[Cmdlet(VerbsCommon.Remove, "GlanceImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(void))]
public sealed class RemoveGlanceImageCommand : ImageTargetCmdlet
{
    protected override void ProcessRecord()
    {
        var session = ResolveSession();
        if (session is null)
        {
            return;
        }

        foreach (var image in CurrentImages(session))
        {
            Remove(session, image);
        }
    }

    private void Remove(OpenStackSession session, GlanceImage image)
    {
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
