using System.Management.Automation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// The plan: what Sync-GlanceImage would change to make the cloud match the definitions. Only reads:
/// one listing of the project's managed images for all definitions of the pipeline.
/// </summary>
[Cmdlet(VerbsData.Compare, "GlanceImage")]
[OutputType(typeof(ImageChange))]
public sealed class CompareGlanceImageCommand : CloudCmdlet
{
    private readonly List<ImageDefinition> _definitions = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Tag { get; set; } = Engine.Defaults.ManagedTag;

    [Parameter]
    public SwitchParameter Latest { get; set; }

    [Parameter]
    public SwitchParameter IncludeUnchanged { get; set; }

    [Parameter]
    public SwitchParameter IncludeOrphaned { get; set; }

    [Parameter]
    public ImportMethod ImportMethod { get; set; } = ImportMethod.Auto;

    [Parameter]
    public ChecksumPolicy ChecksumPolicy { get; set; } = ChecksumPolicy.Require;

    [Parameter]
    public SwitchParameter Reimport { get; set; }

    [Parameter]
    public ImageRotationOptions? Rotation { get; set; }

    [Parameter]
    [Completion.ValidateComplianceStandard]
    [ArgumentCompleter(typeof(Completion.ComplianceStandardCompleter))]
    public string[] Standard { get; set; } = [];

    protected override void ProcessRecord() => _definitions.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var session = ResolveSession();
        if (session is null || _definitions.Count == 0)
        {
            return;
        }

        // On the pipeline thread: the definitions carry their load's errors, and $Error is PowerShell's.
        var options = PlanOptionsOf(this);
        var planners = WithCompliance(RotationPlanners(Rotation, RunHadErrors(_definitions)), Standard);
        var plan = TryEngine((log, token) => ImportRefusalWords.Plan(SyncOperations.PlanAsync(session, _definitions, options, planners, log, token)), session.Cloud);
        if (plan is not null)
        {
            WriteObject(plan, enumerateCollection: true);
            PlanReport.WritePlan(this, plan, session.Cloud, DefinitionQueries.LeftOut(_definitions));
        }
    }

    /// <summary>The rotation planner after the sync planner, when rotation options are given.</summary>
    internal static IImagePlanner[]? RotationPlanners(ImageRotationOptions? rotation, bool hadErrors) =>
        rotation is null ? null : [new Engine.Rotation.RotationPlanner(rotation, hadErrors)];

    /// <summary>
    /// The standards' checks as the last planner: it judges the images as the plan leaves them and
    /// writes each finding as a warning, so the plan itself still pipes into Sync-GlanceImage.
    /// </summary>
    internal static IImagePlanner[]? WithCompliance(IImagePlanner[]? planners, string[] standards) =>
        standards.Length == 0 ? planners : [.. planners ?? [], new Engine.Compliance.CompliancePlanner(standards)];

    internal static PlanOptions PlanOptionsOf(CompareGlanceImageCommand command) => new()
    {
        ManagedTag = command.Tag,
        LatestOnly = command.Latest || Engine.Definitions.DefinitionQueries.LatestOnly(command._definitions),
        IncludeUnchanged = command.IncludeUnchanged,
        IncludeOrphaned = command.IncludeOrphaned,
        Keep = command.Rotation?.Keep,
        ImportMethod = command.ImportMethod,
        ChecksumPolicy = command.ChecksumPolicy,
        ReimportChanged = command.Reimport,
    };
}
