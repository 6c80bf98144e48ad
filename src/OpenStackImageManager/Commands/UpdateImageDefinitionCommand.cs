using System.Collections;
using System.Management.Automation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Writes new upstream builds (from Find-ImageUpdate) into their definition files as a text edit:
/// comments, key order, quoting and indentation stay; the result must load clean before it is written,
/// atomically. A mirror_url is written only for an object the mirror holds (or, with -Mirror, after
/// the mirror engine put it there).
/// </summary>
[Cmdlet(VerbsData.Update, "ImageDefinition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ImageDefinitionEdit))]
public sealed class UpdateImageDefinitionCommand : EngineCmdlet
{
    private DefinitionUpdateSession? _session;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ImageUpdate[] InputObject { get; set; } = [];

    [Parameter]
    public CatalogUpdatePolicy Policy { get; set; } = CatalogUpdatePolicy.Auto;

    [Parameter]
    [ValidateRange(0, 1000)]
    public int Keep { get; set; }

    [Parameter]
    public Uri? MirrorBaseUrl { get; set; }

    [Parameter]
    [ValidateNotNull]
    public string MirrorPrefix { get; set; } = Engine.Defaults.MirrorPrefix;

    [Parameter]
    public string? KeyTemplate { get; set; }

    [Parameter]
    public SwitchParameter Mirror { get; set; }

    [Parameter]
    public Uri? Endpoint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Bucket { get; set; }

    [Parameter]
    public string? Region { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public Hashtable? UrlRewrite { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        var options = new Engine.Updates.UpdateOptions { UrlRewrites = UpstreamRewrites.From(UrlRewrite) };
        _session = DefinitionUpdateSession.Open(this, options, MirrorBaseUrl, MirrorPrefix, KeyTemplate, Mirror, Endpoint, Bucket, Region, Credential);
    }

    protected override void ProcessRecord()
    {
        foreach (var update in InputObject)
        {
            _session!.Apply(this, update, Policy, Keep, PassThru);
        }
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
