using System.Management.Automation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Applies a plan: ShouldProcess for each item on the pipeline thread, then the approved items in
/// parallel (one worker per image). With -Definition it plans first (Compare-GlanceImage and apply
/// in one step). Writes one ImageSyncResult per item; failures are non-terminating errors, and the
/// command ends with a (non-terminating) summary error when any item failed.
/// </summary>
[Cmdlet(VerbsData.Sync, "GlanceImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PlanSet)]
[OutputType(typeof(ImageSyncResult), typeof(GlanceImage))]
public sealed class SyncGlanceImageCommand : CloudCmdlet
{
    private const string PlanSet = "Plan";
    private const string DefinitionSet = "Definition";
    private readonly List<ImageChange> _changes = [];
    private readonly List<ImageDefinition> _definitions = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PlanSet)]
    [ValidateNotNull]
    public ImageChange[] InputObject { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DefinitionSet)]
    [ValidateNotNull]
    public ImageDefinition[] Definition { get; set; } = [];

    [Parameter(ParameterSetName = DefinitionSet)]
    [ValidateNotNullOrEmpty]
    public string Tag { get; set; } = Engine.Defaults.ManagedTag;

    [Parameter(ParameterSetName = DefinitionSet)]
    public SwitchParameter Latest { get; set; }

    [Parameter(ParameterSetName = DefinitionSet)]
    public SwitchParameter IncludeOrphaned { get; set; }

    [Parameter]
    [ValidateRange(Engine.Defaults.MinThrottleLimit, Engine.Defaults.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = Engine.Defaults.ThrottleLimit;

    // Planning decisions, so only where this command plans: a plan item carries the ones it was planned with.
    [Parameter(ParameterSetName = DefinitionSet)]
    public ImportMethod ImportMethod { get; set; } = ImportMethod.Auto;

    [Parameter]
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromSeconds(Engine.Defaults.ImportTimeoutSeconds);

    [Parameter]
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(Engine.Defaults.LeaseWaitSeconds);

    [Parameter]
    public TimeSpan UpstreamTimeout { get; set; }

    [Parameter]
    public TimeSpan UpstreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Parameter(ParameterSetName = DefinitionSet)]
    public ChecksumPolicy ChecksumPolicy { get; set; } = ChecksumPolicy.Require;

    [Parameter(ParameterSetName = DefinitionSet)]
    public SwitchParameter Reimport { get; set; }

    [Parameter(ParameterSetName = DefinitionSet)]
    public ImageRotationOptions? Rotation { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DefinitionSet)
        {
            _definitions.AddRange(Definition);
        }
        else
        {
            _changes.AddRange(InputObject);
        }
    }

    protected override void EndProcessing()
    {
        OpenStackSession? session = null;
        if (ParameterSetName == DefinitionSet || Cloud is not null || Session is not null)
        {
            session = ResolveSession();
            if (session is null)
            {
                return;
            }
        }

        var plan = _changes;
        if (ParameterSetName == DefinitionSet && _definitions.Count > 0)
        {
            var options = new PlanOptions
            {
                Upstream = Upstream(),
                ManagedTag = Tag,
                LatestOnly = Latest || Engine.Definitions.DefinitionQueries.LatestOnly(_definitions),
                IncludeOrphaned = IncludeOrphaned,
                Keep = Rotation?.Keep,
                ImportMethod = ImportMethod,
                ChecksumPolicy = ChecksumPolicy,
                ReimportChanged = Reimport,
            };
            // On the pipeline thread: the definitions carry their load's errors, and $Error is PowerShell's.
            var planners = CompareGlanceImageCommand.RotationPlanners(Rotation, RunHadErrors(_definitions));
            plan = TryEngine((log, token) => ImportRefusalWords.Plan(SyncOperations.PlanAsync(session!, _definitions, options, planners, log, token)), session!.Cloud)?.ToList() ?? [];
        }

        var decision = PlanApproval.Approve(this, plan, "Sync-GlanceImage", Force);
        var approved = decision.Approved;

        var execution = new ExecutionOptions { ThrottleLimit = ThrottleLimit, ImportTimeout = ImportTimeout, Upstream = Upstream(), Lease = new Engine.Leases.LeaseOptions { Wait = LeaseWait } };
        var executed = approved.Count == 0
            ? []
            : TryEngine((log, token) => ImportProgress.ApplyAsync(approved, log, progress => SyncOperations.ApplyAsync(approved, session, execution, progress, token)), session?.Cloud) ?? [];
        var failed = PlanApproval.WriteExecuted(this, executed, writeResults: true);
        WriteObject(decision.NothingToDo, enumerateCollection: true);
        PlanReport.WriteResults(this, [.. executed.Select(e => e.Result), .. decision.NothingToDo, .. decision.Declined], session?.Cloud ?? plan.FirstOrDefault()?.Cloud);

        if (PassThru)
        {
            foreach (var image in executed.Select(e => e.Result.Image).OfType<GlanceImage>().GroupBy(i => i.Id).Select(g => g.Last()))
            {
                WriteObject(image);
            }
        }

        // The last error of the run, not a terminating one: all work is done by now, and a terminating
        // error would discard `$results = ... | Sync-GlanceImage` and stop the commands after this one.
        if (failed > 0)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"{failed} of {executed.Count} item(s) failed; see the errors above."),
                "OpenStackImageManager.SyncFailed",
                ErrorCategory.OperationStopped,
                executed.Where(e => e.Error is not null).Select(e => e.Result.Change).ToArray()));
        }
    }

    /// <summary>The engine's upstream options with -UpstreamIdleTimeout and -UpstreamTimeout; a bound under 1 s ends the command.</summary>
    private Engine.Transfer.UpstreamOptions Upstream()
    {
        try
        {
            return new Engine.Transfer.UpstreamOptions().WithTimeouts(UpstreamIdleTimeout, UpstreamTimeout == TimeSpan.Zero ? null : UpstreamTimeout);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OpenStackImageManager.InvalidUpstreamTimeout", ErrorCategory.InvalidArgument, ex.ActualValue));
            throw;
        }
    }
}
