using System.Management.Automation;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Reads image definition files (the Python openstack-image-manager format) and writes one
/// <see cref="ImageDefinition"/> per valid definition. Invalid definitions become non-terminating
/// errors with file, line and column; the valid ones still flow.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ImageDefinition")]
[OutputType(typeof(ImageDefinition))]
public sealed class GetImageDefinitionCommand : EngineCmdlet
{
    private readonly List<string> _files = [];
    private Regex? _filter;

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

    protected override void BeginProcessing()
    {
        if (Filter is null)
        {
            return;
        }

        try
        {
            _filter = new Regex(Filter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidFilter", ErrorCategory.InvalidArgument, Filter));
        }
    }

    protected override void ProcessRecord() => DefinitionPathResolver.Resolve(this, Path, _files);

    protected override void EndProcessing()
    {
        if (_files.Count == 0)
        {
            return;
        }

        var result = RunEngine((log, token) => Task.FromResult(DefinitionLoader.Load(_files, strict: false, log, token)));
        DefinitionCommands.WriteProblems(this, result.Problems);
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var chosen = DefinitionSelection.Select(result.Definitions, _filter, IncludeDisabled, Latest)
            .Where(d => patterns is null || patterns.Any(p => p.IsMatch(d.Name)))
            .ToList();

        // Say what was left out: a disabled definition skipped without a word looks like a lost one.
        var disabled = IncludeDisabled ? [] : result.Definitions.Where(d => !d.Enable).Select(d => d.Name).ToList();
        if (disabled.Count > 0)
        {
            this.WriteVerboseLine($"Skipped {disabled.Count} disabled definition(s) (enable: false; -IncludeDisabled reads them): {string.Join(", ", disabled)}.");
        }

        var selection = new CatalogSelection(disabled.Count, Math.Max(0, result.Definitions.Count - disabled.Count - chosen.Count));
        foreach (var definition in chosen)
        {
            CatalogSelectionNotes.Note(definition, selection);
            WriteObject(definition);
        }
    }
}
