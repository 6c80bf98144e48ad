using System.Management.Automation;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Rotates the images of the given definitions: the newest is <c>Name</c>, older ones
/// <c>Name (version)</c>; the newest N stay as defined, older ones become community (or os_hidden),
/// and with -Deactivate / -Delete are deactivated and deleted where no rule protects them. Plans from
/// one listing, asks ShouldProcess for each change on the pipeline thread (a Delete also ShouldContinue
/// unless -Force), then applies the approved changes through the plan executor.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImageRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ImageSyncResult))]
public sealed class InvokeImageRotationCommand : CloudCmdlet
{
    private readonly List<ImageDefinition> _definitions = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Keep { get; set; }

    [Parameter]
    public SwitchParameter UseOsHidden { get; set; }

    [Parameter]
    public SwitchParameter Deactivate { get; set; }

    [Parameter]
    public SwitchParameter Delete { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter IncludeOrphaned { get; set; }

    [Parameter]
    public SwitchParameter IncludeValidityNone { get; set; }

    [Parameter]
    public SwitchParameter KeepUndefinedVersions { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Tag { get; set; } = Engine.Defaults.ManagedTag;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    [ValidateRange(Engine.Defaults.MinThrottleLimit, Engine.Defaults.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = Engine.Defaults.ThrottleLimit;

    [Parameter]
    public OlderGenericImages OlderGeneric { get; set; }

    [Parameter]
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(Engine.Defaults.LeaseWaitSeconds);

    protected override void ProcessRecord() => _definitions.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var session = ResolveSession();
        if (session is null || _definitions.Count == 0)
        {
            return;
        }

        var options = new ImageRotationOptions
        {
            Keep = MyInvocation.BoundParameters.ContainsKey(nameof(Keep)) ? Keep : null,
            UseOsHidden = UseOsHidden,
            Deactivate = Deactivate,
            Delete = Delete,
            IncludeOrphaned = IncludeOrphaned,
            IncludeValidityNone = IncludeValidityNone,
            KeepUndefinedVersions = KeepUndefinedVersions,
            OlderGeneric = OlderGeneric,
        };
        var tag = Tag;
        var throttleLimit = ThrottleLimit;
        var lease = new Engine.Leases.LeaseOptions { Wait = LeaseWait };
        var hadErrors = RunHadErrors(_definitions);
        var plan = TryEngine((log, token) => RotationOperations.PlanAsync(session, _definitions, tag, options, hadErrors, log, token), session.Cloud);
        if (plan is null)
        {
            return;
        }

        var decision = PlanApproval.Approve(this, plan, "Invoke-ImageRotation", Force);
        var approved = decision.Approved;
        var executed = approved.Count == 0
            ? []
            : TryEngine((log, token) => RotationOperations.ApplyAsync(approved, session, throttleLimit, log, token, lease), session.Cloud) ?? [];
        PlanApproval.WriteExecuted(this, executed, writeResults: PassThru);
        if (PassThru)
        {
            WriteObject(decision.NothingToDo, enumerateCollection: true);
            WriteObject(decision.Declined, enumerateCollection: true);
        }
    }
}
