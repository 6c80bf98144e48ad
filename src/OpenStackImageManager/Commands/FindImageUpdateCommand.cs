using System.Collections;
using System.Management.Automation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Looks up the newest upstream build of each image definition: directory listings with dated
/// folders, checksum manifests, pointer files, HEREBE patterns and GitHub releases, each read as the
/// definition describes it. Writes an ImageUpdate for each definition the catalog is behind on.
/// </summary>
[Cmdlet(VerbsCommon.Find, "ImageUpdate")]
[OutputType(typeof(ImageUpdate))]
public sealed class FindImageUpdateCommand : EngineCmdlet
{
    private UpdateFinderSession? _session;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    public SwitchParameter Verify { get; set; }

    [Parameter]
    public SwitchParameter IncludeCurrent { get; set; }

    [Parameter]
    public Hashtable? UrlRewrite { get; set; }

    [Parameter]
    [ValidateNotNull]
    public UpdateSource[] Source { get; set; } = [];

    [Parameter]
    [ValidateNotNull]
    public Uri GitHubApiUrl { get; set; } = new("https://api.github.com/");

    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxReleases { get; set; } = 10;

    protected override void BeginProcessing()
    {
        _session = new UpdateFinderSession(new Engine.Updates.UpdateOptions
        {
            Verify = Verify,
            UrlRewrites = UpstreamRewrites.From(UrlRewrite),
            DeclaredSources = Source,
            GitHubApiUrl = GitHubApiUrl,
            GitHubToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN"),
            MaxReleases = MaxReleases,
        });
    }

    protected override void ProcessRecord()
    {
        foreach (var definition in InputObject)
        {
            _session!.Check(this, definition, IncludeCurrent);
        }
    }

    protected override void EndProcessing()
    {
        this.WriteVerboseLine($"{_session!.Requests} upstream requests (listings, manifests, HEAD, release lists).");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _session?.Dispose();
        }

        base.Dispose(disposing);
    }

    internal T RunOnEngine<T>(Func<Engine.Hosting.IOperationLog, CancellationToken, Task<T>> work) => RunEngine(work);
}
