using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace OpenStackImageManager.Loading;

/// <summary>
/// The load-context bridge: when the default context fails to find the Engine (it is not at the
/// module root on purpose), load it into <see cref="EngineLoadContext"/>. Registered on
/// Import-Module, removed on Remove-Module. It answers for the Engine's name only; the Engine's
/// own dependencies are then found by the private context itself.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_dependencyDirectory = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? AppContext.BaseDirectory,
        "Dependencies");

    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
    {
        if (!string.Equals(assemblyName.Name, EngineLoadContext.EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return EngineLoadContext.GetOrCreate(s_dependencyDirectory).LoadFromAssemblyName(assemblyName);
    }
}
