using System.Reflection;
using System.Runtime.Loader;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// <c>openstack-image-manager</c> run in this process through its <c>Program.Run(args, out, err)</c>,
/// loaded from its build output into a load context of its own: its engine copy never meets the one
/// the module loads, just as in production the tool and the module never share a process.
/// </summary>
internal static class CommandLineInProcess
{
    private static readonly Lazy<MethodInfo> s_run = new(Load);

    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = (int)s_run.Value.Invoke(null, [args, output, error])!;
        return (exit, output.ToString(), error.ToString());
    }

    private static MethodInfo Load()
    {
        // The newest build of the tool (Release or Debug, as this test project was built).
        var path = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(TestPaths.RepoRoot, "src", "OpenStackImageManager.Cli", "bin", c, "net10.0", "openstack-image-manager.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException("build src/OpenStackImageManager.Cli first");
        var context = new ToolLoadContext(path);
        var program = context.LoadFromAssemblyPath(path).GetType("OpenStackImageManager.Cli.Program", throwOnError: true)!;
        return program.GetMethod("Run", [typeof(string[]), typeof(TextWriter), typeof(TextWriter)])!;
    }

    private sealed class ToolLoadContext(string mainAssembly) : AssemblyLoadContext("openstack-image-manager")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        // The tool's own dependencies from its folder; the shared framework from the default context.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } file ? LoadFromAssemblyPath(file) : null;
    }
}
