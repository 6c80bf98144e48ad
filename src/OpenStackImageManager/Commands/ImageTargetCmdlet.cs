using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Base of the cmdlets that act on images given as objects (-InputObject, from the pipeline), by -Id, or
/// by -Name (wildcards with PowerShell's semantics, through the engine's NamePattern: case-insensitive). A name given positionally binds
/// to -Name, so <c>Remove-GlanceImage 'NC Big'</c> means the image called so.
/// </summary>
public abstract class ImageTargetCmdlet : CloudCmdlet
{
    private protected const string InputObjectSet = "InputObject";
    private protected const string IdSet = "Id";
    private protected const string NameSet = "Name";

    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GlanceImage? InputObject { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Id { get; set; }

    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>
    /// The images as they are now: the object given, the one read by id (one GET), or those whose names
    /// match (one listing of every image the project sees, hidden ones included). A name without
    /// wildcards that matches nothing is an ObjectNotFound error naming it.
    /// </summary>
    private protected IReadOnlyList<GlanceImage> CurrentImages(OpenStackSession session)
    {
        if (InputObject is not null)
        {
            return [InputObject];
        }

        if (Id is { } id)
        {
            return TryEngine((log, token) => ImageOperations.GetByIdAsync(session, id, log, token), id) is { } image ? [image] : [];
        }

        return ImagesNamed(session, Name);
    }

    private protected static string Describe(GlanceImage image) => $"image '{image.Name}' ({image.Id})";
}
