using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Lists Glance images, filtered on the server where Glance can and by wildcard here.</summary>
[Cmdlet(VerbsCommon.Get, "GlanceImage", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GlanceImage))]
public sealed class GetGlanceImageCommand : CloudCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.ImageNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Tag { get; set; } = [];

    [Parameter]
    [ValidateSet("Public", "Private", "Shared", "Community", "All")]
    public string? Visibility { get; set; }

    [Parameter]
    public SwitchParameter Managed { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ManagedTag { get; set; } = Engine.Defaults.ManagedTag;

    [Parameter]
    public SwitchParameter IncludeHidden { get; set; }

    protected override void ProcessRecord()
    {
        var session = ResolveSession();
        if (session is null)
        {
            return;
        }

        var request = new ImageListRequest
        {
            Names = Name,
            Ids = Id,
            Tags = Tag,
            Visibility = Visibility,
            Managed = Managed,
            ManagedTag = ManagedTag,
            IncludeHidden = IncludeHidden,
        };
        var images = TryEngine((log, token) => ImageOperations.GetAsync(session, request, log, token), Id.Length > 0 ? Id : Name);
        if (images is null)
        {
            return;
        }

        foreach (var name in Name.Where(n => !NamePattern.HasWildcards(n)))
        {
            if (!images.Any(i => i.Name == name))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No image named '{name}' in {session.Cloud}."),
                    "OpenStackImageManager.ImageNotFound",
                    ErrorCategory.ObjectNotFound,
                    name));
            }
        }

        WriteObject(images, enumerateCollection: true);
    }
}
