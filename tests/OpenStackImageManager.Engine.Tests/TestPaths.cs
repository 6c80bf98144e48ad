using System.Reflection;

namespace OpenStackImageManager.Engine.Tests;

/// <summary>Where the repository's test data is; the build stamps the repository root into the assembly.</summary>
internal static class TestPaths
{
    public static readonly string RepoRoot = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures");

    /// <summary>The Python tool's etc/images (its schema.yaml and README sit one level up, as in etc/).</summary>
    public static string Catalog => Path.Combine(Fixtures, "osism-images", "images");

    public static string BadDefinitions => Path.Combine(Fixtures, "bad-definitions");

    public static string WarningDefinitions => Path.Combine(Fixtures, "warning-definitions");
}
