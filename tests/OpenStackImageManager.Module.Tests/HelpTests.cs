using System.Text.RegularExpressions;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// Every cmdlet has a PlatyPS markdown page in en-US/ (build.ps1 Help turns them into MAML) that
/// documents every parameter and shows at least one example.
/// </summary>
public partial class HelpTests
{
    private static readonly string[] s_commonParameters =
    [
        "Debug", "ErrorAction", "ErrorVariable", "InformationAction", "InformationVariable", "OutBuffer",
        "OutVariable", "PipelineVariable", "ProgressAction", "Verbose", "WarningAction", "WarningVariable",
    ];

    public static TheoryData<string> CmdletNames() => CmdletSurfaceTests.CmdletNames();

    private static string Page(string name)
    {
        var path = Path.Combine(ModuleLayout.HelpSources, name + ".md");
        Assert.True(File.Exists(path), $"{name} has no help page {path}.");
        return File.ReadAllText(path);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void PageHasPlatyPSFrontMatter(string name)
    {
        var page = Page(name);
        Assert.StartsWith("---", page, StringComparison.Ordinal);
        Assert.Contains("external help file: OpenStackImageManager.dll-Help.xml", page, StringComparison.Ordinal);
        Assert.Contains("Module Name: OpenStackImageManager", page, StringComparison.Ordinal);
        Assert.Contains($"title: {name}", page, StringComparison.Ordinal);
        Assert.Contains($"# {name}", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void PageDocumentsEveryParameter(string name)
    {
        var page = Page(name);
        var cmdlet = CmdletSurface.Instance.Cmdlets.Single(c => c.Name == name);
        var documented = ParameterHeading().Matches(page).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var parameters = cmdlet.Parameters.Select(p => p.Name).ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            parameters.AddRange(["WhatIf", "Confirm"]);
        }

        Assert.All(parameters, p => Assert.True(documented.Contains(p), $"{name}: parameter -{p} is not documented."));
        Assert.All(documented.Except(s_commonParameters, StringComparer.OrdinalIgnoreCase), d =>
            Assert.True(parameters.Contains(d, StringComparer.OrdinalIgnoreCase), $"{name}: documents -{d}, which does not exist."));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void PageHasSynopsisAndAnExample(string name)
    {
        var page = Page(name);
        var synopsis = Regex.Match(page, @"## SYNOPSIS\s+(\S[^\n]*)");
        Assert.True(synopsis.Success, $"{name}: no synopsis.");
        Assert.DoesNotContain("{{", synopsis.Groups[1].Value, StringComparison.Ordinal);
        Assert.Matches(@"### Example 1", page);
    }

    [Fact]
    public void NoPageForACmdletThatDoesNotExist()
    {
        var pages = Directory.EnumerateFiles(ModuleLayout.HelpSources, "*-*.md").Select(Path.GetFileNameWithoutExtension);
        var names = CmdletSurface.Instance.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(pages, p => Assert.Contains(p!, names));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryParameterHasTextAndAYamlBlockOnThePage(string name)
    {
        var page = Page(name);
        foreach (Match heading in ParameterHeading().Matches(page))
        {
            var rest = page[(heading.Index + heading.Length)..];
            var yaml = rest.IndexOf("```yaml", StringComparison.Ordinal);
            Assert.True(yaml > 0, $"{name}: -{heading.Groups[1].Value} has no yaml block.");
            Assert.False(string.IsNullOrWhiteSpace(rest[..yaml]), $"{name}: -{heading.Groups[1].Value} has no description.");
        }
    }

    [GeneratedRegex(@"^### -(\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ParameterHeading();
}
