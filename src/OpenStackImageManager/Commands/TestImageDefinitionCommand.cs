using System.Management.Automation;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Validates image definition files and writes every problem (file, line, column, severity, key,
/// message), or with -Quiet only whether the files are valid.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ImageDefinition")]
[OutputType(typeof(DefinitionProblem), typeof(bool))]
public sealed class TestImageDefinitionCommand : EngineCmdlet
{
    private readonly List<string> _files = [];
    private int _unresolved;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

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
        DefinitionPathResolver.Resolve(this, Path, _files, out var failed);
        _unresolved += failed ? 1 : 0;
    }

    protected override void EndProcessing()
    {
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
