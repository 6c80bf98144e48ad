using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// The cmdlet surface read with System.Reflection.MetadataLoadContext from the laid-out module: no
/// PowerShell runtime is needed (none can be installed where these tests run). Only
/// GetCustomAttributesData works in such a context; attribute defaults must be filled in by us.
/// </summary>
internal sealed class CmdletSurface : IDisposable
{
    private const string Sma = "System.Management.Automation";

    private static readonly Lazy<CmdletSurface> s_instance = new(() => new CmdletSurface());

    private readonly MetadataLoadContext _context;

    private CmdletSurface()
    {
        var paths = Directory.EnumerateFiles(ModuleLayout.Root, "*.dll")
            .Concat(Directory.EnumerateFiles(ModuleLayout.Dependencies, "*.dll"))
            .Append(ModuleLayout.PowerShellStandardAssembly)
            .Concat(Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        CmdletAssembly = _context.LoadFromAssemblyPath(ModuleLayout.CmdletAssembly);
        ModelsAssembly = _context.LoadFromAssemblyPath(ModuleLayout.ModelsAssembly);
        SmaAssembly = _context.LoadFromAssemblyName(Sma);
        Cmdlets = CmdletAssembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && CmdletAttributeOf(t) is not null)
            .Select(t => new CmdletInfo(t, CmdletAttributeOf(t)!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
    }

    internal static CmdletSurface Instance => s_instance.Value;

    internal Assembly CmdletAssembly { get; }

    internal Assembly ModelsAssembly { get; }

    internal Assembly SmaAssembly { get; }

    internal IReadOnlyList<CmdletInfo> Cmdlets { get; }

    /// <summary>The approved verbs: the constants of SMA's Verbs* classes.</summary>
    internal IReadOnlySet<string> ApprovedVerbs => _approvedVerbs ??= SmaAssembly.GetExportedTypes()
        .Where(t => t.Name.StartsWith("Verbs", StringComparison.Ordinal))
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string>? _approvedVerbs;

    internal Type SmaType(string name) => SmaAssembly.GetType($"{Sma}.{name}", throwOnError: true)!;

    public void Dispose() => _context.Dispose();

    private static CustomAttributeData? CmdletAttributeOf(Type type) =>
        type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == $"{Sma}.CmdletAttribute");
}

/// <summary>One cmdlet as the metadata describes it.</summary>
internal sealed class CmdletInfo
{
    internal CmdletInfo(Type type, CustomAttributeData cmdlet)
    {
        Type = type;
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        SupportsShouldProcess = Named(cmdlet, "SupportsShouldProcess") is true;
        // ConfirmImpact arrives as a boxed Int32: None 0, Low 1, Medium 2 (the default), High 3.
        ConfirmImpact = Named(cmdlet, "ConfirmImpact") is int impact ? impact : 2;
        DefaultParameterSetName = Named(cmdlet, "DefaultParameterSetName") as string;
    }

    internal Type Type { get; }

    internal string Verb { get; }

    internal string Noun { get; }

    internal string Name => $"{Verb}-{Noun}";

    internal bool SupportsShouldProcess { get; }

    internal int ConfirmImpact { get; }

    internal string? DefaultParameterSetName { get; }

    /// <summary>The types named by [OutputType], compared by full name (they are MLC types).</summary>
    internal IEnumerable<Type> OutputTypes => Type.GetCustomAttributesData()
        .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
        .SelectMany(a => a.ConstructorArguments)
        .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [arg.Value])
        .OfType<Type>();

    internal IEnumerable<ParameterInfo> Parameters => Type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (Property: p, Attributes: p.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToArray()))
        .Where(p => p.Attributes.Length > 0)
        .Select(p => new ParameterInfo(p.Property, p.Attributes));

    internal static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();
}

/// <summary>One cmdlet parameter and its [Parameter] attributes (one per parameter set).</summary>
internal sealed record ParameterInfo(PropertyInfo Property, IReadOnlyList<CustomAttributeData> Attributes)
{
    internal string Name => Property.Name;

    internal IEnumerable<string> ParameterSets => Attributes
        .Select(a => CmdletInfo.Named(a, "ParameterSetName") as string ?? "__AllParameterSets");

    internal string? HelpMessage => Attributes.Select(a => CmdletInfo.Named(a, "HelpMessage") as string).FirstOrDefault(h => h is not null);
}
