using System.Management.Automation;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Reads image definition files (the Python openstack-image-manager format) and writes one
/// <see cref="ImageDefinition"/> per valid definition. Invalid definitions become non-terminating
/// errors with file, line and column; the valid ones still flow, each carrying whether its load had
/// errors (so a sync further down deletes nothing, whatever -ErrorAction says).
/// </summary>
[Cmdlet(VerbsCommon.Get, "ImageDefinition")]
[OutputType(typeof(ImageDefinition))]
public sealed class GetImageDefinitionCommand : EngineCmdlet
{
    private readonly List<string> _files = [];
    private int _unresolved;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DefinitionNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter]
    public string? Filter { get; set; }

    [Parameter]
    public SwitchParameter IncludeDisabled { get; set; }

    [Parameter]
    public SwitchParameter Latest { get; set; }

    protected override void BeginProcessing() => DefinitionCommands.ValidateFilter(this, Filter);

    protected override void ProcessRecord()
    {
        DefinitionPathResolver.Resolve(this, Path, _files, out var failed);
        _unresolved += failed ? 1 : 0;
    }

    protected override void EndProcessing()
    {
        if (_files.Count == 0 && _unresolved == 0)
        {
            return;
        }

        var query = new DefinitionQuery
        {
            Paths = _files,
            Names = Name ?? [],
            Filter = Filter,
            IncludeDisabled = IncludeDisabled,
            Latest = Latest,
            UnresolvedPaths = _unresolved,
        };
        var result = RunEngine((log, token) => Task.FromResult(DefinitionQueries.Run(query, log, token)));
        DefinitionCommands.WriteProblems(this, result.Problems);

        // Say what was left out: a disabled definition skipped without a word looks like a lost one.
        // The counts travel with the definitions (their load summary) to the plan's summary line.
        if (result.Summary.DisabledCount > 0)
        {
            var disabled = result.Load.Definitions.Where(d => !d.Enable).Select(d => d.Name);
            this.WriteVerboseLine($"Skipped {result.Summary.DisabledCount} disabled definition(s) (enable: false; -IncludeDisabled reads them): {string.Join(", ", disabled)}.");
        }

        WriteObject(result.Definitions, enumerateCollection: true);
    }
}
