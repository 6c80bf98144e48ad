using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// The cmdlets of issue 4 as PowerShell will see them, read from the laid-out module without PowerShell
/// (MetadataLoadContext): manifest export, ShouldProcess, help coverage, no Engine type in the surface.
/// </summary>
public sealed class AccessCmdletSurfaceTests : IDisposable
{
    private static readonly string[] s_cmdlets =
    [
        "Connect-OpenStack", "Disconnect-OpenStack", "Get-GlanceImage", "Set-GlanceImage", "Remove-GlanceImage",
        "Grant-GlanceImageAccess", "Revoke-GlanceImageAccess",
    ];

    private static readonly string s_repoRoot = Metadata("RepoRoot");
    private static readonly string s_moduleDir = Path.Combine(s_repoRoot, "out", "OpenStackImageManager", Metadata("ModuleVersion"));

    private readonly MetadataLoadContext _context;
    private readonly Dictionary<string, Type> _byName;

    public AccessCmdletSurfaceTests()
    {
        var paths = Directory.GetFiles(s_moduleDir, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(s_moduleDir, "Dependencies"), "*.dll"))
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(Metadata("PowerShellStandardAssembly"));
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var assembly = _context.LoadFromAssemblyPath(Path.Combine(s_moduleDir, "OpenStackImageManager.dll"));
        _byName = assembly.GetExportedTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "CmdletAttribute")))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => $"{x.Attribute!.ConstructorArguments[0].Value}-{x.Attribute.ConstructorArguments[1].Value}", x => x.Type);
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Every_cmdlet_exists_and_the_manifest_exports_it()
    {
        var manifest = File.ReadAllText(Path.Combine(s_repoRoot, "OpenStackImageManager.psd1"));
        foreach (var name in s_cmdlets)
        {
            Assert.True(_byName.ContainsKey(name), $"{name} is not in the cmdlet assembly");
            Assert.Contains($"'{name}'", manifest, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Set-GlanceImage", 2)]
    [InlineData("Remove-GlanceImage", 3)]
    [InlineData("Grant-GlanceImageAccess", 2)]
    [InlineData("Revoke-GlanceImageAccess", 2)]
    public void State_changing_cmdlets_support_ShouldProcess_with_their_impact(string cmdlet, int impact)
    {
        var attribute = _byName[cmdlet].GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        var named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);

        Assert.Equal(true, named["SupportsShouldProcess"]);
        Assert.Equal(impact, Convert.ToInt32(named["ConfirmImpact"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_parameter_has_a_help_message_and_a_heading_in_its_help_page()
    {
        foreach (var name in s_cmdlets)
        {
            var help = File.ReadAllText(Path.Combine(s_repoRoot, "en-US", name + ".md"));
            Assert.NotEmpty(Parameters(_byName[name]));
            foreach (var (property, parameter) in Parameters(_byName[name]))
            {
                Assert.Contains($"\n### -{property.Name}\n", help, StringComparison.Ordinal);
                Assert.True(
                    parameter.NamedArguments.Any(a => a.MemberName == "HelpMessage" && a.TypedValue.Value is string { Length: > 0 }),
                    $"{name} -{property.Name} has no HelpMessage");
            }

            if (_byName[name].GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute").NamedArguments.Any(a => a.MemberName == "SupportsShouldProcess"))
            {
                Assert.Contains("\n### -WhatIf\n", help, StringComparison.Ordinal);
                Assert.Contains("\n### -Confirm\n", help, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void No_public_member_of_a_cmdlet_exposes_an_engine_type()
    {
        foreach (var type in _byName.Values)
        {
            for (var t = type; t is not null && t.Namespace?.StartsWith("OpenStackImageManager", StringComparison.Ordinal) == true; t = t.BaseType)
            {
                Assert.DoesNotContain("Engine", t.Assembly.GetName().Name, StringComparison.Ordinal);
            }

            var members = type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                .Where(m => m switch
                {
                    MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
                    PropertyInfo property => property.GetMethod is { } g && (g.IsPublic || g.IsFamily || g.IsFamilyOrAssembly),
                    FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                    _ => false,
                });
            foreach (var member in members)
            {
                var types = member switch
                {
                    MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
                    ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    _ => [],
                };
                foreach (var used in types)
                {
                    Assert.False(used.Assembly.GetName().Name == "OpenStackImageManager.Engine", $"{type.Name}.{member.Name} exposes {used.FullName}");
                }
            }
        }
    }

    private static IEnumerable<(PropertyInfo Property, CustomAttributeData Parameter)> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute").Select(a => (p, a)));

    private static string Metadata(string key) =>
        typeof(AccessCmdletSurfaceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
