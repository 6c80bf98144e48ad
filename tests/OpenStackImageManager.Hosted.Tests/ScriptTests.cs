using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// The repository's PowerShell scripts checked by PowerShell 7.6's own parser, so that a syntax slip in
/// build.ps1 or a Pester test is found here and not first in GitHub Actions; and every call of one of
/// the module's cmdlets in the Pester tests names parameters the cmdlet really has.
/// </summary>
public sealed class ScriptTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.RepoRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".ps1", StringComparison.Ordinal) || f.EndsWith(".psd1", StringComparison.Ordinal) || f.EndsWith(".psm1", StringComparison.Ordinal))
                     .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f))
                     .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "out" or ".git"))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    public static TheoryData<string> PesterFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "Pester"), "*.ps1").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(TestPaths.RepoRoot, relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber}: {e.Message}")));
    }

    [Fact]
    public void There_is_a_Pester_test_file_naming_every_exported_cmdlet()
    {
        using var shell = new HostedPowerShell();
        var cmdlets = shell.Run("(Get-Module OpenStackImageManager).ExportedCmdlets.Keys").Select(o => (string)o.BaseObject);
        var text = string.Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "Pester"), "*.Tests.ps1").Select(File.ReadAllText));

        Assert.All(cmdlets, c => Assert.Contains(c, text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Calls_of_the_module_cmdlets_use_parameters_the_cmdlets_have(string fileName)
    {
        using var shell = new HostedPowerShell();
        var parameters = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in shell.Run("Get-Command -Module OpenStackImageManager"))
        {
            var info = (CommandInfo)command.BaseObject;
            parameters[info.Name] = info.Parameters.Values.SelectMany(p => p.Aliases.Prepend(p.Name)).ToArray();
        }

        var ast = Parser.ParseFile(Path.Combine(TestPaths.RepoRoot, "tests", "Pester", fileName), out _, out _);
        var problems = new List<string>();
        foreach (var call in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            if (call.GetCommandName() is not { } name || !parameters.TryGetValue(name, out var known))
            {
                continue;
            }

            foreach (var parameter in call.CommandElements.OfType<CommandParameterAst>())
            {
                // PowerShell accepts a unique prefix of a parameter name.
                var matches = known.Where(k => k.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)).ToArray();
                if (!matches.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase) && matches.Length != 1)
                {
                    problems.Add($"{fileName}:{parameter.Extent.StartLineNumber}: {name} has no parameter -{parameter.ParameterName}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
