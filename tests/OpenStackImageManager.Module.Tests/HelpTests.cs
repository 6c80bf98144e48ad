namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// Static rules of the help pages in en-US/ that neither the help compiler (it knows no cmdlets) nor
/// Get-Help checks: one page per exported cmdlet and none for a cmdlet that does not exist, in the
/// PlatyPS front matter that lets PlatyPS take the pages over. What Get-Help shows (synopsis,
/// descriptions, parameter facts, examples that run) is tested in tests/Pester/Help.Tests.ps1; page
/// syntax in HelpCompilerTests.
/// </summary>
public class HelpTests
{
    public static TheoryData<string> CmdletNames() => CmdletSurfaceTests.CmdletNames();

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryCmdletHasAPageWithPlatyPSFrontMatter(string name)
    {
        var path = Path.Combine(ModuleLayout.HelpSources, name + ".md");
        Assert.True(File.Exists(path), $"{name} has no help page {path}.");
        var page = File.ReadAllText(path);
        Assert.StartsWith("---", page, StringComparison.Ordinal);
        Assert.Contains("external help file: OpenStackImageManager.dll-Help.xml", page, StringComparison.Ordinal);
        Assert.Contains("Module Name: OpenStackImageManager", page, StringComparison.Ordinal);
        Assert.Contains("schema: 2.0.0", page, StringComparison.Ordinal);
        Assert.Contains($"title: {name}", page, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPageForACmdletThatDoesNotExist()
    {
        var pages = Directory.EnumerateFiles(ModuleLayout.HelpSources, "*-*.md").Select(Path.GetFileNameWithoutExtension);
        var names = CmdletSurface.Instance.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(pages, p => Assert.Contains(p!, names));
    }

    [Fact]
    public void TheLayoutHoldsTheCompiledHelp()
    {
        Assert.True(File.Exists(Path.Combine(ModuleLayout.Root, "en-US", "OpenStackImageManager.dll-Help.xml")));
    }
}
