namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// "This run had an error" travels with the definitions: a broken definition file next to good ones
/// blocks deletes even when Get-ImageDefinition runs with -ErrorAction Ignore (nothing reaches $Error).
/// </summary>
public sealed class RunErrorTests() : HostedCloudTest("run-error")
{
    [Fact]
    public void A_broken_file_read_with_ErrorAction_Ignore_still_blocks_deletes()
    {
        var catalog = Directory.CreateDirectory(Path.Combine(Work, "catalog")).FullName;
        // In the catalog's folder: file: sources are read only below it.
        var source = Path.Combine(catalog, "run-error.raw");
        File.WriteAllBytes(source, new byte[4096]);
        var url = new Uri(source).AbsoluteUri;
        var rotate = $"Compare-GlanceImage -Cloud oim-p1 -Tag '{Tag}' -Rotation @{{ Delete = $true }}";
        // Version 2 arrives after version 1 is in (a sync never imports a version beyond the window of last-1),
        // and a sync without rotation leaves version 1 as it is: the rotation's Delete material.
        foreach (var versions in new DefinitionYaml.Version[][] { [new("1", url, "2025-01-01")], [new("1", url, "2025-01-01"), new("2", url, "2025-01-02")] })
        {
            File.WriteAllText(Path.Combine(catalog, "good.yml"), DefinitionYaml.File(DefinitionYaml.Image(
                $"OIM Run Error {Tag[^8..]}", multi: true, versions, DefinitionYaml.Minimal with { UuidValidity = "last-1" })));
            Shell.Run($"Get-ImageDefinition -Path '{catalog}' | Sync-GlanceImage -Cloud oim-p1 -Tag '{Tag}' -Confirm:$false");
            Assert.True(Shell.Errors.Count == 0, string.Join("\n", Shell.Errors));
        }

        var clean = Kinds(Shell.Run($"Get-ImageDefinition -Path '{catalog}' | {rotate}"));
        File.WriteAllText(Path.Combine(catalog, "broken.yml"), "images:\n  - name: Broken\n    format: qcow\n");
        var errorsBefore = Convert.ToInt32(Shell.Run("$Error.Count")[0].BaseObject);
        var broken = Kinds(Shell.Run($"Get-ImageDefinition -Path '{catalog}' -ErrorAction Ignore | {rotate} -WarningAction SilentlyContinue"));
        var errorsAfter = Convert.ToInt32(Shell.Run("$Error.Count")[0].BaseObject);

        Assert.Contains("Delete", clean);
        Assert.Equal(errorsBefore, errorsAfter);
        Assert.DoesNotContain("Delete", broken);
        Assert.DoesNotContain("Deactivate", broken);
    }

    private static string[] Kinds(IEnumerable<System.Management.Automation.PSObject> plan) =>
        plan.Select(p => p.Properties["Kind"].Value.ToString()!).ToArray();
}
