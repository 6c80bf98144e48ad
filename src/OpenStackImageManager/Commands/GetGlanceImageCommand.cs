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

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true,
        HelpMessage = "Image names; wildcards (*, ?, [a-z]) allowed. All images when omitted.")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true,
        HelpMessage = "Image ids (UUIDs).")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    [Parameter(HelpMessage = "Only images that carry all of these tags.")]
    [ValidateNotNullOrEmpty]
    public string[] Tag { get; set; } = [];

    [Parameter(HelpMessage = "Only images with this visibility; All includes community images of other projects.")]
    [ValidateSet("Public", "Private", "Shared", "Community", "All")]
    public string? Visibility { get; set; }

    [Parameter(HelpMessage = "Only images this tool manages: with the managed tag and owned by the session's project.")]
    public SwitchParameter Managed { get; set; }

    [Parameter(HelpMessage = "The tag that marks managed images (default managed_by_osism).")]
    [ValidateNotNullOrEmpty]
    public string ManagedTag { get; set; } = ImageOperations.DefaultManagedTag;

    [Parameter(HelpMessage = "Also list images hidden with os_hidden.")]
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

        foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
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
