using System.Management.Automation;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Validates image definition files and writes every problem (file, line, column, severity, key,
/// message), or with -Quiet only whether the files are valid. Definitions from Get-ImageDefinition
/// bind as definitions (their files are validated again, their entries' problems written), never as
/// paths named after them. The default set is Definition on purpose: PowerShell binds pipeline input in
/// the default set first, and with Path there an ImageDefinition was coerced to its name as a path.
/// Paths, FileInfo objects and a positional path still bind to -Path.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ImageDefinition", DefaultParameterSetName = DefinitionSet)]
[OutputType(typeof(DefinitionProblem), typeof(bool))]
public sealed class TestImageDefinitionCommand : EngineCmdlet
{
    private const string PathSet = "Path";
    private const string DefinitionSet = "Definition";

    private readonly List<string> _files = [];
    private readonly List<ImageDefinition> _definitions = [];
    private int _unresolved;

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = DefinitionSet, Mandatory = true, ValueFromPipeline = true)]
    public ImageDefinition[] Definition { get; set; } = [];

    [Parameter]
    public SwitchParameter Strict { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    [Completion.ValidateComplianceStandard]
    [ArgumentCompleter(typeof(Completion.ComplianceStandardCompleter))]
    public string[] Standard { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DefinitionSet)
        {
            _definitions.AddRange(Definition.Where(d => d is not null));
            return;
        }

        DefinitionPathResolver.Resolve(this, Path, _files, out var failed);
        _unresolved += failed ? 1 : 0;
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == DefinitionSet)
        {
            var problems = _definitions.Count == 0
                ? []
                : RunEngine((log, token) => Task.FromResult(DefinitionQueries.Validate(_definitions, Strict, Standard ?? [], log, token)));
            if (Quiet)
            {
                WriteObject(problems.All(p => p.Severity != ProblemSeverity.Error));
                return;
            }

            WriteObject(problems, enumerateCollection: true);
            return;
        }

        // The same query as Get-ImageDefinition and `openstack-image-manager validate`; every definition counts.
        var query = new DefinitionQuery { Paths = _files, Strict = Strict, IncludeDisabled = true, Standards = Standard ?? [], UnresolvedPaths = _unresolved };
        var result = _files.Count == 0 && _unresolved == 0
            ? null
            : RunEngine((log, token) => Task.FromResult(DefinitionQueries.Run(query, log, token)));
        if (Quiet)
        {
            WriteObject(result is null || !result.HadErrors);
            return;
        }

        WriteObject(result?.Problems ?? [], enumerateCollection: true);
    }
}
