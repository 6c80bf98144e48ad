using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Judges Glance images by image metadata standards (SCS scs-0102 by default): the images piped in,
/// or, without input, the images a conformance test sees in the project (public images and the
/// project's community images, hidden ones left out). Writes one ComplianceResult per finding, or with
/// -Quiet only whether no mandatory check failed.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "GlanceImageCompliance", DefaultParameterSetName = ListSet)]
[OutputType(typeof(ComplianceResult), typeof(bool))]
public sealed class TestGlanceImageComplianceCommand : CloudCmdlet
{
    private const string ListSet = "List";
    private const string InputSet = "InputObject";

    private readonly List<GlanceImage> _images = [];

    [Parameter(ParameterSetName = InputSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GlanceImage[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateComplianceStandard]
    [ArgumentCompleter(typeof(ComplianceStandardCompleter))]
    public string[] Standard { get; set; } = [ComplianceStandards.Default];

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord() => _images.AddRange(InputObject);

    protected override void EndProcessing()
    {
        IReadOnlyList<GlanceImage>? images = _images;
        if (ParameterSetName == ListSet)
        {
            var session = ResolveSession();
            if (session is null)
            {
                return;
            }

            images = TryEngine((log, token) => ComplianceOperations.ListAsync(session, log, token), session.Cloud);
            if (images is null)
            {
                return;
            }
        }

        // A pure function over the images: no engine work to run on the pool.
        var results = ComplianceOperations.Judge(images, Standard, DateTimeOffset.UtcNow);
        if (Quiet)
        {
            WriteObject(results.All(r => r.Severity != ProblemSeverity.Error));
            return;
        }

        WriteObject(results, enumerateCollection: true);
    }
}
