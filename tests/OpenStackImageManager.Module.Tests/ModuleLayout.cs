using System.Reflection;

namespace OpenStackImageManager.Module.Tests;

/// <summary>Where the laid-out module and the repository are; the build writes both into our metadata.</summary>
internal static class ModuleLayout
{
    internal const string ModuleName = "OpenStackImageManager";

    internal static string RepoRoot { get; } = Metadata("RepoRoot");

    internal static string Version { get; } = Metadata("ModuleVersion");

    /// <summary>out/OpenStackImageManager/&lt;version&gt;/, produced by building this test project.</summary>
    internal static string Root { get; } = Path.Combine(RepoRoot, "out", ModuleName, Version);

    internal static string Dependencies { get; } = Path.Combine(Root, "Dependencies");

    internal static string CmdletAssembly { get; } = Path.Combine(Root, ModuleName + ".dll");

    internal static string ModelsAssembly { get; } = Path.Combine(Root, ModuleName + ".Models.dll");

    internal static string LaidOutManifest { get; } = Path.Combine(Root, ModuleName + ".psd1");

    internal static string SourceManifest { get; } = Path.Combine(RepoRoot, ModuleName + ".psd1");

    internal static string HelpSources { get; } = Path.Combine(RepoRoot, "en-US");

    internal static string PowerShellStandardAssembly { get; } = Metadata("PowerShellStandardAssembly");

    private static string Metadata(string key) =>
        typeof(ModuleLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}
