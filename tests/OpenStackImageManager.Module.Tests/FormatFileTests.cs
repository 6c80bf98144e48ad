using System.Xml.Linq;

namespace OpenStackImageManager.Module.Tests;

/// <summary>Format views must name real Models types, and every Models type a cmdlet emits has a view.</summary>
public class FormatFileTests
{
    private static readonly XDocument s_format = XDocument.Load(Path.Combine(ModuleLayout.Root, "OpenStackImageManager.Format.ps1xml"));

    private static string[] ViewTypeNames() => s_format.Descendants("TypeName").Select(e => e.Value.Trim()).ToArray();

    [Fact]
    public void EveryViewNamesAModelsType()
    {
        var models = CmdletSurface.Instance.ModelsAssembly;
        Assert.All(ViewTypeNames(), name => Assert.NotNull(models.GetType(name)));
    }

    [Fact]
    public void EveryModelsTypeACmdletEmitsHasAView()
    {
        var models = CmdletSurface.Instance.ModelsAssembly;
        var emitted = CmdletSurface.Instance.Cmdlets
            .SelectMany(c => c.OutputTypes)
            .Where(t => t.Assembly.FullName == models.FullName)
            .Select(t => t.FullName!)
            .Distinct();
        var views = ViewTypeNames().ToHashSet(StringComparer.Ordinal);
        Assert.All(emitted, t => Assert.True(views.Contains(t), $"{t} has no format view."));
    }

    /// <summary>A table view with fixed widths fits a 120-column console: the widths plus one separator per column.</summary>
    [Fact]
    public void FixedWidthTablesFit120Columns()
    {
        foreach (var table in s_format.Descendants("TableHeaders"))
        {
            var widths = table.Elements("TableColumnHeader").Select(h => h.Element("Width")?.Value).ToArray();
            if (widths.All(w => w is not null))
            {
                var total = widths.Sum(w => int.Parse(w!, System.Globalization.CultureInfo.InvariantCulture)) + widths.Length - 1;
                Assert.True(total <= 120, $"{table.Parent!.Parent!.Element("Name")!.Value} is {total} columns wide.");
            }
        }
    }
}
