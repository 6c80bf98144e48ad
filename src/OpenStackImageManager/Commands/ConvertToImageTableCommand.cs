using System.Management.Automation;
using OpenStackImageManager.Engine.Tables;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Writes the catalog as one text table of name, login user and password, sorted by name (the
/// Python tool's <c>table</c> script).
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "ImageTable")]
[OutputType(typeof(string))]
public sealed class ConvertToImageTableCommand : EngineCmdlet
{
    private readonly List<ImageDefinition> _definitions = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    public ImageTableFormat Format { get; set; } = ImageTableFormat.Rst;

    protected override void ProcessRecord() => _definitions.AddRange(InputObject);

    protected override void EndProcessing() => WriteObject(ImageTableWriter.Write(_definitions, Format));
}
