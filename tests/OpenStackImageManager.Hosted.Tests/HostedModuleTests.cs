using System.Management.Automation;
using System.Runtime.Loader;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// What a user's PowerShell session sees: Import-Module of the laid-out module in a real PowerShell
/// 7.6 engine, the engine isolated in its own load context, typed pipeline objects, binding from
/// Get-ChildItem-like objects, and error records with positions for bad files.
/// </summary>
public sealed class HostedModuleTests : IDisposable
{
    private readonly HostedPowerShell _shell = new();

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void The_module_exports_exactly_the_manifest_cmdlets()
    {
        var exported = _shell.Run("(Get-Module OpenStackImageManager).ExportedCmdlets.Keys").Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal);
        var manifest = _shell.Run($"(Test-ModuleManifest '{Paths.Manifest}').ExportedCmdlets.Keys").Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal);

        Assert.Equal(manifest, exported);
        Assert.Contains("Sync-GlanceImage", exported);
        Assert.Empty(_shell.Errors);
    }

    [Fact]
    public void Get_ImageDefinition_writes_typed_definitions_of_the_catalog()
    {
        var definitions = _shell.Run($"Get-ImageDefinition -Path '{Paths.Catalog}'");

        Assert.Empty(_shell.Errors);
        Assert.Equal(12, definitions.Count);
        Assert.All(definitions, d => Assert.Equal("OpenStackImageManager.Models.ImageDefinition", d.BaseObject.GetType().FullName));
        // The type literal resolves: the Models assembly is the one in the default load context.
        Assert.True((bool)_shell.Run($"@(Get-ImageDefinition -Path '{Paths.Catalog}')[0] -is [OpenStackImageManager.Models.ImageDefinition]")[0].BaseObject);
    }

    [Fact]
    public void The_engine_and_its_packages_load_into_the_private_context_and_the_models_into_the_default()
    {
        _shell.Run($"Get-ImageDefinition -Path '{Paths.Catalog}' | Out-Null");
        var loaded = AppDomain.CurrentDomain.GetAssemblies();

        var engine = Assert.Single(loaded, a => a.GetName().Name == "OpenStackImageManager.Engine");
        Assert.Equal("EngineLoadContext", AssemblyLoadContext.GetLoadContext(engine)!.Name);
        Assert.StartsWith(Path.Combine(Paths.ModuleBase, "Dependencies"), engine.Location, StringComparison.Ordinal);
        var yaml = Assert.Single(loaded, a => a.GetName().Name == "YamlDotNet");
        Assert.Equal("EngineLoadContext", AssemblyLoadContext.GetLoadContext(yaml)!.Name);
        var models = Assert.Single(loaded, a => a.GetName().Name == "OpenStackImageManager.Models");
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(models));
    }

    [Fact]
    public void A_bad_file_is_an_error_record_with_its_position_and_the_good_definitions_still_flow()
    {
        var folder = Directory.CreateTempSubdirectory("oim-hosted-").FullName;
        try
        {
            File.Copy(Path.Combine(Paths.Catalog, "cirros.yml"), Path.Combine(folder, "cirros.yml"));
            File.Copy(Path.Combine(Paths.BadDefinitions, "bad-format.yml"), Path.Combine(folder, "bad-format.yml"));

            var definitions = _shell.Run($"Get-ImageDefinition -Path '{folder}' -IncludeDisabled");

            Assert.True(definitions.Count == 1, string.Join("\n", _shell.Errors.Select(e => e.ToString())));
            var error = Assert.Single(_shell.Errors);
            Assert.Equal("ImageDefinitionInvalid,OpenStackImageManager.Commands.GetImageDefinitionCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            // Not a compile-time reference: the test must see the Models assembly PowerShell loaded from the module.
            Assert.Equal("OpenStackImageManager.Models.DefinitionProblem", error.TargetObject.GetType().FullName);
            var problem = PSObject.AsPSObject(error.TargetObject);
            Assert.Equal((7, 13), ((int)problem.Properties["Line"].Value, (int)problem.Properties["Column"].Value));
            Assert.Contains("bad-format.yml:7:13", error.Exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Paths_bind_from_the_pipeline_by_property_name_like_Get_ChildItem_output()
    {
        var file = Path.Combine(Paths.Catalog, "ubuntu.yml");

        var byFullName = _shell.Run($"[pscustomobject]@{{ FullName = '{file}' }} | Get-ImageDefinition");
        var byFileInfo = _shell.Run($"[System.IO.FileInfo]::new('{file}') | Get-ImageDefinition");

        Assert.Empty(_shell.Errors);
        Assert.NotEmpty(byFullName);
        Assert.Equal(byFullName.Count, byFileInfo.Count);
    }

    [Fact]
    public void Test_ImageDefinition_Quiet_answers_true_or_false()
    {
        Assert.True((bool)_shell.Run($"Test-ImageDefinition -Path '{Paths.Catalog}' -Quiet")[0].BaseObject);
        Assert.False((bool)_shell.Run($"Test-ImageDefinition -Path '{Path.Combine(Paths.BadDefinitions, "bad-format.yml")}' -Quiet")[0].BaseObject);
    }

    [Fact]
    public void ConvertTo_ImageTable_writes_a_markdown_table_sorted_by_name()
    {
        var lines = _shell.Run($"Get-ImageDefinition -Path '{Paths.Catalog}' -IncludeDisabled | ConvertTo-ImageTable -Format Markdown")
            .SelectMany(o => ((string)o.BaseObject).Split('\n')).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToArray();

        Assert.Contains("Cirros", lines.First(l => l.Contains("Cirros", StringComparison.Ordinal)), StringComparison.Ordinal);
        var names = lines.Skip(1).Where(l => !l.StartsWith("| -", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim()).ToArray();
        // The Python tool's sorted(): by code point, so 'openSUSE' sorts after the capitals.
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Remove_Module_then_Import_Module_works_in_the_same_session()
    {
        _shell.Run($"Get-ImageDefinition -Path '{Paths.Catalog}' | Out-Null; Remove-Module OpenStackImageManager; Import-Module '{Paths.Manifest}' -Force");
        var again = _shell.Run($"Get-ImageDefinition -Path '{Paths.Catalog}'");

        Assert.Empty(_shell.Errors);
        Assert.Equal(12, again.Count);
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "OpenStackImageManager.Engine");
    }

    [Fact]
    public void Giving_both_Cloud_and_Session_is_refused_before_any_request()
    {
        _shell.Run("$s = [OpenStackImageManager.Models.OpenStackSession]::new([guid]::NewGuid(), 'x'); Get-GlanceImage -Cloud a -Session $s");

        // A terminating error of the command (the statement stops; nothing was sent anywhere).
        var error = Assert.Single(_shell.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Cloud or -Session", error.Exception.Message, StringComparison.Ordinal);
    }
}
