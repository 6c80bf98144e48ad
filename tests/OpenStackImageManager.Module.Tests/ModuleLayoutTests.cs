namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// The module folder that `dotnet publish` produces is what users install: only our two assemblies at
/// the root (so PowerShell's default context never sees a package of ours), everything else isolated.
/// </summary>
public class ModuleLayoutTests
{
    private static IEnumerable<string> FileNames(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void RootHoldsOnlyTheCmdletAndModelsAssemblies()
    {
        Assert.Equal(
            ["OpenStackImageManager.Models.dll", "OpenStackImageManager.dll"],
            FileNames(ModuleLayout.Root, "*.dll"));
    }

    [Fact]
    public void RootHoldsManifestFormatFileAndNoDependencyManifest()
    {
        var files = FileNames(ModuleLayout.Root, "*").ToArray();
        Assert.Contains("OpenStackImageManager.psd1", files);
        Assert.Contains("OpenStackImageManager.Format.ps1xml", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".deps.json", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Management.Automation.dll", files);
    }

    [Fact]
    public void DependenciesHoldTheEngineAndItsWholePackageClosure()
    {
        var files = FileNames(ModuleLayout.Dependencies, "*.dll").ToArray();
        Assert.Contains("OpenStackImageManager.Engine.dll", files);
        Assert.Contains("YamlDotNet.dll", files);
        Assert.Contains("AWSSDK.S3.dll", files);
        Assert.Contains("SharpCompress.dll", files);
    }

    [Fact]
    public void DependenciesCarryReadyToRunCodeWhenBuiltOnLinuxX64()
    {
        // Built elsewhere the folder holds IL only (the ReadyToRun compiler targets the host's platform here).
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return;
        }

        foreach (var name in new[] { "OpenStackImageManager.Engine.dll", "YamlDotNet.dll", "AWSSDK.Core.dll" })
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(ModuleLayout.Dependencies, name)));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{name} in Dependencies/ has no ReadyToRun code: the first cmdlet would wait for the JIT.");
        }
    }

    [Fact]
    public void DependenciesHoldNoSecondCopyOfModelsOrFrameworkAssemblies()
    {
        var files = FileNames(ModuleLayout.Dependencies, "*.dll").ToArray();
        Assert.DoesNotContain("OpenStackImageManager.Models.dll", files);
        Assert.DoesNotContain("OpenStackImageManager.dll", files);
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        // A private copy of a framework assembly (DiagnosticSource, which System.Net.Http uses) would split its types under pwsh.
        Assert.DoesNotContain("System.Diagnostics.DiagnosticSource.dll", files);
    }

    [Fact]
    public void HelpFolderHoldsTheAboutTopic()
    {
        Assert.True(File.Exists(Path.Combine(ModuleLayout.Root, "en-US", "about_OpenStackImageManager.help.txt")));
    }

    /// <summary>
    /// The build writes its version over the placeholder and changes nothing else. What PowerShell reads
    /// from the manifest (exports, version, editions, Gallery data) is tested under pwsh in
    /// tests/Pester/OpenStackImageManager.Module.Tests.ps1.
    /// </summary>
    [Fact]
    public void LaidOutManifestDiffersFromTheSourceOnlyInTheBuildVersion()
    {
        Assert.True(System.Version.TryParse(ModuleLayout.Version, out _), "the version must be a valid module version");
        var source = File.ReadAllText(ModuleLayout.SourceManifest).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        var laidOut = File.ReadAllText(ModuleLayout.LaidOutManifest).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        Assert.Contains("ModuleVersion = '0.0.0'", source, StringComparison.Ordinal);
        Assert.Equal(
            source.Replace("ModuleVersion = '0.0.0'", $"ModuleVersion = '{ModuleLayout.Version}'", StringComparison.Ordinal),
            laidOut);
    }
}
