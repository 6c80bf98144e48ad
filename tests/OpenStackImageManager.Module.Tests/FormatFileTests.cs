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
}
