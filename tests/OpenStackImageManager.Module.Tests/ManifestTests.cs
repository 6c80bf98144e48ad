namespace OpenStackImageManager.Module.Tests;

/// <summary>The manifest is the module's contract with PowerShell and the Gallery.</summary>
public class ManifestTests
{
    private static readonly Dictionary<string, object?> s_manifest = PowerShellDataFile.Read(ModuleLayout.LaidOutManifest);

    [Fact]
    public void CmdletsToExportAreExactlyTheCmdletsOfTheAssembly()
    {
        var exported = s_manifest.GetStrings("CmdletsToExport").Order(StringComparer.Ordinal);
        var defined = CmdletSurface.Instance.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(defined, exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("VariablesToExport")]
    [InlineData("AliasesToExport")]
    public void ExportsNothingElse(string key)
    {
        // Explicit empty lists keep module discovery fast and the surface intentional.
        Assert.Empty(s_manifest.GetStrings(key));
    }

    [Fact]
    public void RootModuleIsTheCmdletAssembly()
    {
        Assert.Equal("OpenStackImageManager.dll", s_manifest.GetString("RootModule"));
        Assert.True(File.Exists(Path.Combine(ModuleLayout.Root, s_manifest.GetString("RootModule")!)));
    }

    [Fact]
    public void RequiresPowerShell76Core()
    {
        Assert.Equal("7.6", s_manifest.GetString("PowerShellVersion"));
        Assert.Equal(["Core"], s_manifest.GetStrings("CompatiblePSEditions"));
    }

    [Fact]
    public void EveryFormatFileIsInTheLayout()
    {
        var formats = s_manifest.GetStrings("FormatsToProcess");
        Assert.NotEmpty(formats);
        Assert.All(formats, f => Assert.True(File.Exists(Path.Combine(ModuleLayout.Root, f)), $"{f} is not in the layout."));
    }

    [Fact]
    public void GalleryMetadataIsComplete()
    {
        var psData = s_manifest.GetTable("PrivateData").GetTable("PSData");
        Assert.Contains("OpenStack", psData.GetStrings("Tags"));
        Assert.Contains("PSEdition_Core", psData.GetStrings("Tags"));
        Assert.True(Uri.IsWellFormedUriString(psData.GetString("ProjectUri"), UriKind.Absolute));
        Assert.True(Uri.IsWellFormedUriString(psData.GetString("LicenseUri"), UriKind.Absolute));
        Assert.False(string.IsNullOrWhiteSpace(psData.GetString("ReleaseNotes")));
        Assert.True(Guid.TryParse(s_manifest.GetString("GUID"), out _));
    }
}
