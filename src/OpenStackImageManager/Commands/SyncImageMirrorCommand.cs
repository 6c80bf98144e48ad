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

    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0,
        HelpMessage = "Image definitions (from Get-ImageDefinition) whose versions are mirrored; every version with an http(s) or file url except 'latest'.")]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter(HelpMessage = "The S3 endpoint URL (Swift s3api, Ceph RGW, MinIO, AWS). Default: AWS_ENDPOINT_URL, then 'endpoint' in the s3 section of the config file.")]
    public Uri? Endpoint { get; set; }

    [Parameter(HelpMessage = "The bucket the files are mirrored into; it must exist. Default: 'bucket' in the s3 section of the config file.")]
    [ValidateNotNullOrEmpty]
    public string? Bucket { get; set; }

    [Parameter(HelpMessage = "The key prefix of the default (Python-compatible) layout and of {prefix} in -KeyTemplate.")]
    public string Prefix { get; set; } = "openstack-images";

    [Parameter(HelpMessage = "S3 access key (user name) and secret key (password). Default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then access_key/secret_key in the s3 section of the config file.")]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(HelpMessage = "The region requests are signed for. Default: AWS_REGION, AWS_DEFAULT_REGION, the config file, else us-east-1.")]
    public string? Region { get; set; }

    [Parameter(HelpMessage = "Object key template instead of the Python layout, e.g. '{prefix}/{shortname}/{version}-{shortname}{ext}'. Placeholders: {prefix} {shortname} {name} {version} {format} {ext} {filename} {stem}.")]
    public string? KeyTemplate { get; set; }

    [Parameter(HelpMessage = "How many files are transferred at the same time. Each transfer holds at most 48 MiB of part buffers.")]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    [Parameter(HelpMessage = "Upload even when the object already exists with matching size and checksum metadata.")]
    public SwitchParameter Force { get; set; }

    [Parameter(HelpMessage = "Write a MirrorResult for every object (uploaded, skipped or failed).")]
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
