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
    private bool _unresolved;

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
        _unresolved |= failed;
    }

    protected override void EndProcessing()
    {
        var problems = _files.Count == 0
            ? []
            : RunEngine((log, token) => Task.FromResult(DefinitionLoader.Load(_files, Strict, Standard, DateTimeOffset.UtcNow, log, token))).Problems;
        if (Quiet)
        {
            WriteObject(!_unresolved && problems.All(p => p.Severity != ProblemSeverity.Error));
            return;
        }

        WriteObject(problems, enumerateCollection: true);
    }
}
