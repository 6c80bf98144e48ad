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

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, HelpMessage = "Image definitions from Get-ImageDefinition; pipe the whole catalog when using -IncludeOrphaned.")]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter(HelpMessage = "How many of the newest images of each definition stay as defined (default: the definition's uuid_validity last-N, else 3).")]
    [ValidateRange(1, 1000)]
    public int Keep { get; set; }

    [Parameter(HelpMessage = "Hide older images with os_hidden instead of making them community; the newest is never hidden.")]
    public SwitchParameter UseOsHidden { get; set; }

    [Parameter(HelpMessage = "Deactivate images beyond the keep window (not protected ones, not uuid_validity forever/notice/none/future date).")]
    public SwitchParameter Deactivate { get; set; }

    [Parameter(HelpMessage = "Delete images beyond the keep window: deactivate, community, delete. Never protected images, keep: true definitions, or after an error in this run.")]
    public SwitchParameter Delete { get; set; }

    [Parameter(HelpMessage = "Delete without the extra confirmation that each deletion asks for.")]
    public SwitchParameter Force { get; set; }

    [Parameter(HelpMessage = "Also rotate out managed images that no given definition claims (orphans); without it they are only reported.")]
    public SwitchParameter IncludeOrphaned { get; set; }

    [Parameter(HelpMessage = "Images of definitions with uuid_validity: none may be deactivated and deleted too.")]
    public SwitchParameter IncludeValidityNone { get; set; }

    [Parameter(HelpMessage = "Leave versions that a multi: false definition no longer lists alone (the Python tool's --keep).")]
    public SwitchParameter KeepUndefinedVersions { get; set; }

    [Parameter(HelpMessage = "The tag that marks managed images (the Python tool's --tag).")]
    [ValidateNotNullOrEmpty]
    public string Tag { get; set; } = Engine.Operations.ImageOperations.DefaultManagedTag;

    [Parameter(HelpMessage = "Write one ImageSyncResult per planned change (applied, declined or failed).")]
    public SwitchParameter PassThru { get; set; }

    [Parameter(HelpMessage = "How many images are changed at once; the changes of one image always run one after the other.")]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    [Parameter]
    public OlderGenericImages OlderGeneric { get; set; }

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
        var hadErrors = ErrorsSinceBegin();
        var plan = TryEngine((log, token) => RotationOperations.PlanAsync(session, _definitions, tag, options, hadErrors, log, token), session.Cloud);
        if (plan is null)
        {
            return;
        }

        var decision = PlanApproval.Approve(this, plan, "Invoke-ImageRotation", Force);
        var approved = decision.Approved;
        var executed = approved.Count == 0
            ? []
            : TryEngine((log, token) => RotationOperations.ApplyAsync(approved, session, tag, throttleLimit, log, token), session.Cloud) ?? [];
        PlanApproval.WriteExecuted(this, executed, writeResults: PassThru);
        if (PassThru)
        {
            WriteObject(decision.NothingToDo, enumerateCollection: true);
            WriteObject(decision.Declined, enumerateCollection: true);
        }
    }
}
