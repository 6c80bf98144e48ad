using System.Management.Automation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Mirrors the upstream files of image definitions into an S3 bucket: verified, streamed, resumable.
/// Every object is approved with ShouldProcess on the pipeline thread as the definitions arrive;
/// the approved transfers then run in parallel (-ThrottleLimit) when the input ends.
/// </summary>
[Cmdlet(VerbsData.Sync, "ImageMirror", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MirrorResult))]
public sealed class SyncImageMirrorCommand : EngineCmdlet
{
    private MirrorSession? _session;

    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    public Uri? Endpoint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Bucket { get; set; }

    [Parameter]
    public string Prefix { get; set; } = Engine.Defaults.MirrorPrefix;

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public string? Region { get; set; }

    [Parameter]
    public string? KeyTemplate { get; set; }

    [Parameter]
    [ValidateRange(Engine.Defaults.MinThrottleLimit, Engine.Defaults.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = Engine.Defaults.ThrottleLimit;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        var network = Credential?.GetNetworkCredential();
        _session = MirrorSession.Open(this, Endpoint, Bucket, Region, Credential?.UserName, network?.Password, Prefix, KeyTemplate, Force);
    }

    protected override void ProcessRecord()
    {
        foreach (var definition in InputObject)
        {
            _session!.Consider(this, definition);
        }
    }

    protected override void EndProcessing()
    {
        _session!.Run(this, ThrottleLimit, PassThru);
    }

    // Bridges for MirrorSession, which must not see the protected members' owner type from outside.
    internal void RunOnEngine(Func<Engine.Hosting.IOperationLog, CancellationToken, Task> work) => RunEngine(work);
}
