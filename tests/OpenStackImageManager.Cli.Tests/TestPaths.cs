namespace OpenStackImageManager.Cli.Tests;

/// <summary>The definition fixtures are shared with the engine tests; they live in that project's folder.</summary>
internal static class TestPaths
{
    public static string Fixtures => Path.Combine(ToolProcess.RepoRoot, "tests", "OpenStackImageManager.Engine.Tests", "Fixtures");

    public static string Catalog => Path.Combine(Fixtures, "osism-images", "images");

    public static string BadDefinitions => Path.Combine(Fixtures, "bad-definitions");
}
