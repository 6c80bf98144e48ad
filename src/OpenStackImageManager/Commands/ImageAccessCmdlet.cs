using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Shared parameters of Grant- and Revoke-GlanceImageAccess: images (-Image: an object, id or exact name;
/// or -Name with wildcards) and projects (or a whole domain).
/// </summary>
public abstract class ImageAccessCmdlet : CloudCmdlet
{
    private protected const string ProjectSet = "Project";
    private protected const string DomainSet = "Domain";

    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GlanceImageReference? Image { get; set; }

    /// <summary>Images by name, wildcards allowed; instead of -Image.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ImageNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = ProjectSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Project { get; set; } = [];

    [Parameter(ParameterSetName = ProjectSet)]
    [ValidateNotNullOrEmpty]
    public string? ProjectDomain { get; set; }

    [Parameter(ParameterSetName = DomainSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Domain { get; set; }

    /// <summary>The images and the projects they concern, or null after an error was written.</summary>
    private protected (OpenStackSession Session, IReadOnlyList<GlanceImage> Images, IReadOnlyList<ShareTarget> Targets)? Resolve()
    {
        if ((Image is null) == (Name.Length == 0))
        {
            ThrowTerminatingError(ErrorRecords.Usage("Give the image with -Image (an object, id or name) or -Name, one of the two.", "ImageOrName", Image));
        }

        var session = ResolveSession();
        if (session is null)
        {
            return null;
        }

        var images = Image is { } reference ? One(session, reference) : ImagesNamed(session, Name);
        if (images.Count == 0)
        {
            return null;
        }

        var projects = Project;
        var projectDomain = ProjectDomain;
        var domain = Domain;
        var targets = TryEngine((log, token) => SharingOperations.ResolveTargetsAsync(session, projects, projectDomain, domain, log, token), (object?)domain ?? projects);
        return targets is null ? null : (session, images, targets);
    }

    private IReadOnlyList<GlanceImage> One(OpenStackSession session, GlanceImageReference reference) =>
        TryEngine((log, token) => SharingOperations.ResolveImageAsync(session, reference, log, token), reference) is { } image ? [image] : [];

    private protected static string Describe(GlanceImage image) => $"image '{image.Name}' ({image.Id})";

    private protected static string Describe(ShareTarget target) =>
        target.ProjectName == target.ProjectId ? $"project {target.ProjectId}" : $"project {target.ProjectName} ({target.ProjectId})";
}
