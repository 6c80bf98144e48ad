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

    /// <summary>Assemblies whose types must never appear in what PowerShell sees (docs/ARCHITECTURE.md, "Dependency isolation").</summary>
    private static readonly string[] s_foreignAssemblyPrefixes =
    [
        "YamlDotNet", "AWSSDK", "System.CommandLine", "OpenStackImageManager.Engine",
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

    /// <summary>
    /// The cmdlets that support ShouldProcess and the impact each asks with: what -WhatIf, -Confirm and
    /// $ConfirmPreference see. Every other cmdlet has no -WhatIf.
    /// </summary>
    private static readonly Dictionary<string, int> s_confirmImpact = new(StringComparer.Ordinal)
    {
        ["Disconnect-OpenStack"] = 1,
        ["Set-GlanceImage"] = 2,
        ["Remove-GlanceImage"] = 3,
        ["Grant-GlanceImageAccess"] = 2,
        ["Revoke-GlanceImageAccess"] = 2,
        ["Sync-GlanceImage"] = 2,
        ["Sync-ImageMirror"] = 2,
        ["Update-ImageDefinition"] = 2,
        ["Invoke-ImageRotation"] = 3,
    };

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void SupportsShouldProcessWithItsImpactExactlyWhenTheTableSaysSo(string name)
    {
        var cmdlet = Cmdlet(name);
        if (s_confirmImpact.TryGetValue(name, out var impact))
        {
            Assert.True(cmdlet.SupportsShouldProcess, $"{name} must support -WhatIf/-Confirm.");
            Assert.Equal(impact, cmdlet.ConfirmImpact);
        }
        else
        {
            Assert.False(cmdlet.SupportsShouldProcess, $"{name} is not in the ShouldProcess table; it must have no -WhatIf.");
        }
    }

    [Fact]
    public void TheShouldProcessTableNamesOnlyExportedCmdlets()
    {
        var names = CmdletSurface.Instance.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(s_confirmImpact.Keys, n => Assert.Contains(n, names));
    }

    /// <summary>The exact [OutputType] of each cmdlet, by full name.</summary>
    private static readonly Dictionary<string, string[]> s_outputTypes = new(StringComparer.Ordinal)
    {
        ["Compare-GlanceImage"] = ["OpenStackImageManager.Models.ImageChange"],
        ["Connect-OpenStack"] = ["OpenStackImageManager.Models.OpenStackSession"],
        ["ConvertTo-ImageTable"] = ["System.String"],
        ["Disconnect-OpenStack"] = ["System.Void"],
        ["Find-ImageUpdate"] = ["OpenStackImageManager.Models.ImageUpdate"],
        ["Get-GlanceImage"] = ["OpenStackImageManager.Models.GlanceImage"],
        ["Get-ImageDefinition"] = ["OpenStackImageManager.Models.ImageDefinition"],
        ["Grant-GlanceImageAccess"] = ["OpenStackImageManager.Models.GlanceImageMember"],
        ["Invoke-ImageRotation"] = ["OpenStackImageManager.Models.ImageSyncResult"],
        ["Remove-GlanceImage"] = ["System.Void"],
        ["Revoke-GlanceImageAccess"] = ["System.Void"],
        ["Set-GlanceImage"] = ["OpenStackImageManager.Models.GlanceImage"],
        ["Sync-GlanceImage"] = ["OpenStackImageManager.Models.ImageSyncResult", "OpenStackImageManager.Models.GlanceImage"],
        ["Sync-ImageMirror"] = ["OpenStackImageManager.Models.MirrorResult"],
        ["Test-GlanceImageCompliance"] = ["OpenStackImageManager.Models.ComplianceResult", "System.Boolean"],
        ["Test-ImageDefinition"] = ["OpenStackImageManager.Models.DefinitionProblem", "System.Boolean"],
        ["Test-ImageLifecycle"] = ["OpenStackImageManager.Models.LifecycleFinding", "System.String"],
        ["Update-ImageDefinition"] = ["OpenStackImageManager.Models.ImageDefinitionEdit"],
    };

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void DeclaresExactlyTheOutputTypesOfTheTable(string name)
    {
        Assert.True(s_outputTypes.TryGetValue(name, out var expected), $"{name} has no row in the output type table.");
        Assert.Equal(expected.Order(StringComparer.Ordinal), Cmdlet(name).OutputTypes.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheOutputTypeTableNamesOnlyExportedCmdlets()
    {
        var names = CmdletSurface.Instance.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(s_outputTypes.Keys, n => Assert.Contains(n, names));
    }

    /// <summary>Parameter types scripts and the pipeline depend on, by full name.</summary>
    [Theory]
    [InlineData("Disconnect-OpenStack", "Session", "OpenStackImageManager.Models.OpenStackSession")]
    [InlineData("Invoke-ImageRotation", "InputObject", "OpenStackImageManager.Models.ImageDefinition[]")]
    [InlineData("Invoke-ImageRotation", "Keep", "System.Int32")]
    public void ParameterHasItsType(string name, string parameter, string type)
    {
        var found = Assert.Single(Cmdlet(name).Parameters, p => p.Name == parameter);
        Assert.Equal(type, found.Property.PropertyType.FullName);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ParametersUseNoForeignTypes(string name)
    {
        Assert.All(Cmdlet(name).Parameters, p =>
            Assert.False(IsForeign(p.Property.PropertyType), $"{name} -{p.Name} has foreign type {p.Property.PropertyType.FullName}."));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ParameterTextHasOneSourceTheHelpPage(string name)
    {
        // A HelpMessage would be a second text for the parameter, shown at mandatory-parameter prompts, that
        // drifts from the help page (en-US/<cmdlet>.md), which Get-Help shows. The page is the one source.
        Assert.All(Cmdlet(name).Parameters, p => Assert.True(p.HelpMessage is null, $"{name} -{p.Name} has a HelpMessage; its text belongs on the help page."));
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
