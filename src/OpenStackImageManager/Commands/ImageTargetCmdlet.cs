using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Base of the cmdlets that act on one image given as an object (-InputObject, from the pipeline) or by -Id.</summary>
public abstract class ImageTargetCmdlet : CloudCmdlet
{
    private protected const string InputObjectSet = "InputObject";
    private protected const string IdSet = "Id";

    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GlanceImage? InputObject { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Id { get; set; }

    /// <summary>The image as it is now: the object given, or read by id (one GET).</summary>
    private protected GlanceImage? CurrentImage(OpenStackSession session)
    {
        if (InputObject is not null)
        {
            return InputObject;
        }

        var id = Id!;
        return TryEngine((log, token) => ImageOperations.GetByIdAsync(session, id, log, token), id);
    }

    private protected static string Describe(GlanceImage image) => $"image '{image.Name}' ({image.Id})";
}
