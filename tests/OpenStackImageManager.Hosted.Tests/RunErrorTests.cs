namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// "This run had an error" travels with the definitions: a broken definition file next to good ones
/// blocks deletes even when Get-ImageDefinition runs with -ErrorAction Ignore (nothing reaches $Error).
/// </summary>
public sealed class RunErrorTests : IDisposable
{
    private readonly HostedPowerShell _shell = new();
    private readonly string _work = Directory.CreateTempSubdirectory("oim-run-error-").FullName;
    private readonly string _tag = "oim-run-error-" + Guid.NewGuid().ToString("N")[..8];

    public RunErrorTests()
    {
        Assert.True(Environment.GetEnvironmentVariable("OIM_TESTCLOUD") == "1", "start the local test cloud: bash tests/cloud/start.sh, then source /var/tmp/oim-testcloud/env.sh");
    }

    public void Dispose()
    {
        _shell.Run($"Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag '{_tag}' -IncludeHidden | Remove-GlanceImage -Cloud oim-p1 -Confirm:$false");
        _shell.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void A_broken_file_read_with_ErrorAction_Ignore_still_blocks_deletes()
    {
        var source = Path.Combine(_work, "run-error.raw");
        File.WriteAllBytes(source, new byte[4096]);
        var catalog = Directory.CreateDirectory(Path.Combine(_work, "catalog")).FullName;
        var url = new Uri(source).AbsoluteUri;
        File.WriteAllText(Path.Combine(catalog, "good.yml"), DefinitionYaml.File(DefinitionYaml.Image(
            $"OIM Run Error {_tag[^8..]}", multi: true, [new("1", url, "2025-01-01"), new("2", url, "2025-01-02")], DefinitionYaml.Minimal with { UuidValidity = "last-1" })));
        var rotate = $"Compare-GlanceImage -Cloud oim-p1 -Tag '{_tag}' -Rotation @{{ Delete = $true }}";
        _shell.Run($"Get-ImageDefinition -Path '{catalog}' | Sync-GlanceImage -Cloud oim-p1 -Tag '{_tag}' -Confirm:$false");
        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));

        var clean = Kinds(_shell.Run($"Get-ImageDefinition -Path '{catalog}' | {rotate}"));
        File.WriteAllText(Path.Combine(catalog, "broken.yml"), "images:\n  - name: Broken\n    format: qcow\n");
        var errorsBefore = Convert.ToInt32(_shell.Run("$Error.Count")[0].BaseObject);
        var broken = Kinds(_shell.Run($"Get-ImageDefinition -Path '{catalog}' -ErrorAction Ignore | {rotate} -WarningAction SilentlyContinue"));
        var errorsAfter = Convert.ToInt32(_shell.Run("$Error.Count")[0].BaseObject);

        Assert.Contains("Delete", clean);
        Assert.Equal(errorsBefore, errorsAfter);
        Assert.DoesNotContain("Delete", broken);
        Assert.DoesNotContain("Deactivate", broken);
    }

    private static string[] Kinds(IEnumerable<System.Management.Automation.PSObject> plan) =>
        plan.Select(p => p.Properties["Kind"].Value.ToString()!).ToArray();
}
