using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace OpenStackImageManager.Loading;

/// <summary>
/// The private load context that holds the Engine and its packages (YamlDotNet, AWSSDK,
/// SharpCompress) from the module's <c>Dependencies/</c> folder, so that other modules'
/// copies of those packages in the same PowerShell process never meet ours.
/// </summary>
/// <remarks>
/// This type deliberately references nothing from System.Management.Automation so that it can be
/// unit-tested without PowerShell. docs/ARCHITECTURE.md ("Dependency isolation") says why each rule exists.
/// </remarks>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    internal const string EngineAssemblyName = "OpenStackImageManager.Engine";
    internal const string ModelsAssemblyName = "OpenStackImageManager.Models";

    private static readonly object s_gate = new();
    private static EngineLoadContext? s_instance;

    private readonly HashSet<string> _frameworkAssemblies;

    internal EngineLoadContext(string dependencyDirectory)
        : this(dependencyDirectory, ReadFrameworkAssemblyNames(RuntimeEnvironment.GetRuntimeDirectory()))
    {
    }

    internal EngineLoadContext(string dependencyDirectory, IEnumerable<string> frameworkAssemblies)
        : base(nameof(EngineLoadContext), isCollectible: false)
    {
        DependencyDirectory = dependencyDirectory;
        _frameworkAssemblies = new HashSet<string>(frameworkAssemblies, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The folder the context loads from (the module's <c>Dependencies/</c>).</summary>
    internal string DependencyDirectory { get; }

    /// <summary>
    /// One context per process: Remove-Module followed by Import-Module reuses it, because a
    /// non-collectible context cannot be unloaded and loading the Engine twice would split its types.
    /// </summary>
    internal static EngineLoadContext GetOrCreate(string dependencyDirectory)
    {
        lock (s_gate)
        {
            return s_instance ??= new EngineLoadContext(dependencyDirectory);
        }
    }

    /// <summary>
    /// Where an assembly comes from: a path in <c>Dependencies/</c>, or null to defer to the default
    /// context. Models and every shared-framework assembly are deferred: a second copy of, say,
    /// System.Diagnostics.DiagnosticSource (which a package may carry; Microsoft.Extensions.Http once
    /// did) splits its types, and the first HTTP client failed with MissingMethodException (get_MeterFactory).
    /// </summary>
    internal string? ResolvePath(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name)
            || string.Equals(name, ModelsAssemblyName, StringComparison.OrdinalIgnoreCase)
            || _frameworkAssemblies.Contains(name))
        {
            return null;
        }

        var path = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(path) ? path : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = ResolvePath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>
    /// The names of the shared framework's assemblies: the dlls of the runtime directory. Not the
    /// TPA list, which under pwsh also holds pwsh's own dlls (Newtonsoft.Json and others).
    /// </summary>
    internal static IEnumerable<string> ReadFrameworkAssemblyNames(string runtimeDirectory)
    {
        if (!Directory.Exists(runtimeDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(runtimeDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToArray();
    }
}
