using System.Reflection;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// PowerShell conventions every exported cmdlet keeps: approved verbs, PSCmdlet, [OutputType],
/// ShouldProcess on anything that changes state, High impact for deletes, no foreign types.
/// </summary>
public class CmdletSurfaceTests
{
    /// <summary>Verbs that only read or compute; every other verb changes state and needs ShouldProcess.</summary>
    private static readonly HashSet<string> s_readOnlyVerbs = new(StringComparer.Ordinal)
    {
        "Get", "Test", "Compare", "ConvertTo", "ConvertFrom", "Find", "Search", "Format", "Measure",
        "Select", "Show", "Resolve", "Read", "Watch", "Wait", "Trace",
        // Connect/Disconnect change only this PowerShell session's default cloud session, nothing in a
        // cloud; like Connect-AzAccount's peers without ShouldProcess they must stay scriptable.
        "Connect", "Disconnect",
    };

    /// <summary>Assemblies whose types must never appear in what PowerShell sees (module-loading.md).</summary>
    private static readonly string[] s_foreignAssemblyPrefixes =
    [
        "YamlDotNet", "Polly", "Microsoft.Extensions", "AWSSDK", "System.CommandLine", "OpenStackImageManager.Engine",
    ];

    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in CmdletSurface.Instance.Cmdlets)
        {
            data.Add(cmdlet.Name);
        }

        return data;
    }

    private static CmdletInfo Cmdlet(string name) => CmdletSurface.Instance.Cmdlets.Single(c => c.Name == name);

    [Fact]
    public void TheModuleExportsCmdlets()
    {
        Assert.NotEmpty(CmdletSurface.Instance.Cmdlets);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void UsesAnApprovedVerb(string name)
    {
        Assert.Contains(Cmdlet(name).Verb, CmdletSurface.Instance.ApprovedVerbs);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void DerivesFromPSCmdlet(string name)
    {
        var psCmdlet = CmdletSurface.Instance.SmaType("PSCmdlet");
        Assert.True(Cmdlet(name).Type.IsSubclassOf(psCmdlet), $"{name} must derive from PSCmdlet.");
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void DeclaresItsOutputTypes(string name)
    {
        var outputs = Cmdlet(name).OutputTypes.ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, t => Assert.False(IsForeign(t), $"{name} declares output type {t.FullName} from {t.Assembly.GetName().Name}."));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void SupportsShouldProcessWhenItChangesState(string name)
    {
        var cmdlet = Cmdlet(name);
        if (!s_readOnlyVerbs.Contains(cmdlet.Verb))
        {
            Assert.True(cmdlet.SupportsShouldProcess, $"{name} changes state and must support -WhatIf/-Confirm.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void DeletesHaveHighConfirmImpact(string name)
    {
        var cmdlet = Cmdlet(name);
        if (cmdlet.Verb is "Remove" or "Clear")
        {
            Assert.Equal(3, cmdlet.ConfirmImpact);
        }
    }

    /// <summary>The impact each state-changing cmdlet asks with: what -Confirm and $ConfirmPreference see.</summary>
    [Theory]
    [InlineData("Set-GlanceImage", 2)]
    [InlineData("Remove-GlanceImage", 3)]
    [InlineData("Grant-GlanceImageAccess", 2)]
    [InlineData("Revoke-GlanceImageAccess", 2)]
    [InlineData("Sync-GlanceImage", 2)]
    [InlineData("Sync-ImageMirror", 2)]
    [InlineData("Invoke-ImageRotation", 3)]
    public void StateChangingCmdletsAskWithTheirImpact(string name, int impact)
    {
        var cmdlet = Cmdlet(name);
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal(impact, cmdlet.ConfirmImpact);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ParametersUseNoForeignTypes(string name)
    {
        Assert.All(Cmdlet(name).Parameters, p =>
            Assert.False(IsForeign(p.Property.PropertyType), $"{name} -{p.Name} has foreign type {p.Property.PropertyType.FullName}."));
    }

    /// <summary>Cmdlets whose parameter text lives only on their help page (one place to keep it), not in HelpMessage.</summary>
    private static readonly HashSet<string> s_describedOnThePage = new(StringComparer.Ordinal)
    {
        "Find-ImageUpdate", "Update-ImageDefinition", "Test-ImageLifecycle",
    };

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ParametersAreDescribed(string name)
    {
        // A HelpMessage becomes the parameter description in generated help and shows at prompts; the
        // newer cmdlets describe their parameters on the help page only (HelpTests checks the page).
        var own = Cmdlet(name).Parameters.Where(p => p.Property.DeclaringType?.Name == Cmdlet(name).Type.Name);
        if (s_describedOnThePage.Contains(name))
        {
            Assert.All(own, p => Assert.True(string.IsNullOrEmpty(p.HelpMessage), $"{name} -{p.Name} repeats its help page in a HelpMessage."));
            return;
        }

        Assert.All(Cmdlet(name).Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.HelpMessage), $"{name} -{p.Name} has no HelpMessage."));
    }

    [Fact]
    public void PublicTypesOfCmdletAndModelsAssembliesExposeNoForeignTypes()
    {
        var surface = CmdletSurface.Instance;
        var problems = new List<string>();
        foreach (var type in surface.CmdletAssembly.GetExportedTypes().Concat(surface.ModelsAssembly.GetExportedTypes()))
        {
            if (type.BaseType is { } baseType && IsForeign(baseType))
            {
                problems.Add($"{type.FullName} derives from {baseType.FullName}");
            }

            problems.AddRange(type.GetInterfaces().Where(IsForeign).Select(i => $"{type.FullName} implements {i.FullName}"));

            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            problems.AddRange(type.GetProperties(visible).Where(p => IsForeign(p.PropertyType)).Select(p => $"{type.FullName}.{p.Name}: {p.PropertyType.FullName}"));
            problems.AddRange(type.GetFields(visible).Where(f => IsForeign(f.FieldType)).Select(f => $"{type.FullName}.{f.Name}: {f.FieldType.FullName}"));
            foreach (var method in type.GetMethods(visible | BindingFlags.NonPublic).Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly))
            {
                var signature = method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType);
                problems.AddRange(signature.Where(IsForeign).Select(t => $"{type.FullName}.{method.Name} uses {t.FullName}"));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void ModelsAssemblyReferencesNoPackage()
    {
        var references = CmdletSurface.Instance.ModelsAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.All(references, r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", $"Models references {r}."));
    }

    private static bool IsForeign(Type type)
    {
        if (type.HasElementType)
        {
            return IsForeign(type.GetElementType()!);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(IsForeign))
        {
            return true;
        }

        if (type.IsGenericParameter)
        {
            return false;
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        return s_foreignAssemblyPrefixes.Any(p => assembly.StartsWith(p, StringComparison.Ordinal));
    }
}
