using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using OpenStackImageManager.Loading;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// The private load context decides, for every assembly the Engine needs, whether our copy in
/// Dependencies/ or the process's copy is used. Wrong answers break the module only inside
/// PowerShell (type splits, MissingMethodException from a second DiagnosticSource), so they are
/// pinned here against the real laid-out module.
/// </summary>
public class EngineLoadContextTests
{
    private static readonly EngineLoadContext s_context = new(ModuleLayout.Dependencies);

    [Fact]
    public void EngineIsNotReachableFromTheDefaultContext()
    {
        // Precondition of the whole design: without the bridge the Engine cannot be found at all.
        Assert.Throws<FileNotFoundException>(
            () => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(EngineLoadContext.EngineAssemblyName)));
    }

    [Fact]
    public void LoadsTheEngineFromDependenciesIntoTheContext()
    {
        var engine = s_context.LoadFromAssemblyName(new AssemblyName(EngineLoadContext.EngineAssemblyName));

        Assert.Same(s_context, AssemblyLoadContext.GetLoadContext(engine));
        Assert.Equal(Path.Combine(ModuleLayout.Dependencies, "OpenStackImageManager.Engine.dll"), engine.Location);
    }

    [Theory]
    [InlineData("YamlDotNet")]
    [InlineData("AWSSDK.S3")]
    [InlineData("SharpCompress")]
    public void LoadsEngineDependenciesFromDependencies(string name)
    {
        var assembly = s_context.LoadFromAssemblyName(new AssemblyName(name));

        Assert.Same(s_context, AssemblyLoadContext.GetLoadContext(assembly));
        Assert.StartsWith(ModuleLayout.Dependencies, assembly.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void DefersModelsToTheDefaultContextSoPipelineTypesStayOne()
    {
        Assert.Null(s_context.ResolvePath(new AssemblyName(EngineLoadContext.ModelsAssemblyName)));

        var models = s_context.LoadFromAssemblyName(new AssemblyName(EngineLoadContext.ModelsAssemblyName));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(models));
    }

    [Theory]
    [InlineData("System.Runtime")]
    [InlineData("System.Net.Http")]
    [InlineData("System.Diagnostics.DiagnosticSource")]
    [InlineData("Microsoft.Win32.Primitives")]
    public void DefersSharedFrameworkAssemblies(string name)
    {
        Assert.Null(s_context.ResolvePath(new AssemblyName(name)));
    }

    [Fact]
    public void DefersFrameworkAssembliesEvenWhenDependenciesHoldACopy()
    {
        // Simulate a package that drags a framework assembly into Dependencies/ (as
        // Microsoft.Extensions.Http did with DiagnosticSource on older frameworks).
        var folder = Directory.CreateTempSubdirectory("oim-alc-").FullName;
        try
        {
            File.Copy(typeof(System.Diagnostics.ActivitySource).Assembly.Location, Path.Combine(folder, "System.Diagnostics.DiagnosticSource.dll"));
            var context = new EngineLoadContext(folder);

            Assert.Null(context.ResolvePath(new AssemblyName("System.Diagnostics.DiagnosticSource")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReturnsNullForAssembliesThatAreNotThere()
    {
        Assert.Null(s_context.ResolvePath(new AssemblyName("Not.There.At.All")));
        Assert.Null(new EngineLoadContext(Path.Combine(ModuleLayout.Root, "no-such-folder"))
            .ResolvePath(new AssemblyName(EngineLoadContext.EngineAssemblyName)));
    }

    [Fact]
    public void FrameworkListComesFromTheRuntimeDirectory()
    {
        var names = EngineLoadContext.ReadFrameworkAssemblyNames(RuntimeEnvironment.GetRuntimeDirectory()).ToArray();

        Assert.Contains("System.Private.CoreLib", names);
        Assert.Contains("System.Diagnostics.DiagnosticSource", names);
        Assert.DoesNotContain("YamlDotNet", names);
        Assert.Empty(EngineLoadContext.ReadFrameworkAssemblyNames(Path.Combine(ModuleLayout.Root, "no-such-folder")));
    }

    [Fact]
    public void EngineTypesResolveTheirDependenciesInsideTheContext()
    {
        // Instantiating an Engine type that touches YamlDotNet proves the context answers the
        // Engine's own references, not only the names we ask for.
        var engine = s_context.LoadFromAssemblyName(new AssemblyName(EngineLoadContext.EngineAssemblyName));
        var referenced = engine.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.Contains("YamlDotNet", referenced);

        var yaml = s_context.LoadFromAssemblyName(engine.GetReferencedAssemblies().Single(a => a.Name == "YamlDotNet"));
        Assert.Same(s_context, AssemblyLoadContext.GetLoadContext(yaml));
    }

    [Fact]
    public void OneContextPerProcess()
    {
        Assert.Same(EngineLoadContext.GetOrCreate(ModuleLayout.Dependencies), EngineLoadContext.GetOrCreate(ModuleLayout.Dependencies));
    }
}
