using System.Reflection;

namespace OpenStackImageManager.TestSupport;

/// <summary>Where the repository's test data is; the build stamps the repository root into each test assembly.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>The version the build gives the module and the tool.</summary>
    public static string Version { get; } = Metadata("ModuleVersion");

    /// <summary>The one fixture folder: the engine tests, the command line, the hosted and the Pester tests read it.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures");

    /// <summary>The Python tool's etc/images (its schema.yaml and README sit one level up, as in etc/).</summary>
    public static string Catalog => Path.Combine(Fixtures, "osism-images", "images");

    public static string BadDefinitions => Path.Combine(Fixtures, "bad-definitions");

    public static string WarningDefinitions => Path.Combine(Fixtures, "warning-definitions");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}
