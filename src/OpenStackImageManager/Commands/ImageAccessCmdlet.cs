using System.Management.Automation;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Shared parameters of Grant- and Revoke-GlanceImageAccess: an image and projects (or a whole domain).</summary>
public abstract class ImageAccessCmdlet : CloudCmdlet
{
    private protected const string ProjectSet = "Project";
    private protected const string DomainSet = "Domain";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GlanceImageReference? Image { get; set; }

    [Parameter(ParameterSetName = ProjectSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Project { get; set; } = [];

    [Parameter(ParameterSetName = ProjectSet)]
    [ValidateNotNullOrEmpty]
    public string? ProjectDomain { get; set; }

    [Parameter(ParameterSetName = DomainSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Domain { get; set; }

    /// <summary>The image and the projects it concerns, or null after an error was written.</summary>
    private protected (OpenStackSession Session, GlanceImage Image, IReadOnlyList<ShareTarget> Targets)? Resolve()
    {
        var session = ResolveSession();
        if (session is null)
        {
            return null;
        }

        var reference = Image!;
        var image = TryEngine((log, token) => SharingOperations.ResolveImageAsync(session, reference, log, token), reference);
        if (image is null)
        {
            return null;
        }

        var projects = Project;
        var projectDomain = ProjectDomain;
        var domain = Domain;
        var targets = TryEngine((log, token) => SharingOperations.ResolveTargetsAsync(session, projects, projectDomain, domain, log, token), (object?)domain ?? projects);
        return targets is null ? null : (session, image, targets);
    }

    private protected static string Describe(GlanceImage image) => $"image '{image.Name}' ({image.Id})";

    private protected static string Describe(ShareTarget target) =>
        target.ProjectName == target.ProjectId ? $"project {target.ProjectId}" : $"project {target.ProjectName} ({target.ProjectId})";
}
