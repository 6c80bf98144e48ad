using System.Text.RegularExpressions;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// The same scenarios through <c>openstack-image-manager --dry-run</c> (in process) and through
/// <c>Get-ImageDefinition | Compare-GlanceImage -Rotation @{}</c> in a hosted PowerShell: the selected
/// cloud, the selected definitions and the planned changes must be the same, because both front ends
/// call the same engine entry points (cloud rule, definition query, planning).
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed partial class FrontEndAgreementTests : IDisposable
{
    private static readonly string[] s_variables = ["OS_CLOUD", "OS_AUTH_URL"];
    private readonly Dictionary<string, string?> _saved = s_variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly HostedPowerShell _shell = new();
    private readonly string _work = Directory.CreateTempSubdirectory("oim-agree-").FullName;
    private readonly string _tag = "oim-agree-" + Guid.NewGuid().ToString("N")[..8];

    public FrontEndAgreementTests()
    {
        Assert.True(Environment.GetEnvironmentVariable("OIM_TESTCLOUD") == "1", "start the local test cloud: bash tests/cloud/start.sh, then source /var/tmp/oim-testcloud/env.sh");
        _shell.Run("Disconnect-OpenStack");
        var source = Path.Combine(_work, "agree.raw");
        File.WriteAllBytes(source, new byte[4096]);
        var url = new Uri(source).AbsoluteUri;
        var id = _tag[^8..];
        File.WriteAllText(Path.Combine(_work, "agree.yml"), "images:\n"
            + Definition($"OIM Agree {id}", multi: true, enable: true, url, "1", "2")
            + Definition($"OIM Agree Off {id}", multi: false, enable: false, url, "1")
            + Definition($"OIM Other {id}", multi: false, enable: true, url, "1"));
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _shell.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    public static TheoryData<string?, string?, string?, string[]> Scenarios() => new()
    {
        // explicit cloud, OS_CLOUD, OS_AUTH_URL, query options (as the CLI spells them)
        { "oim-p1", "oim-p2", "http://127.0.0.1:9/v3", [] },
        { null, "oim-p2", null, [] },
        { "oim-p1", null, null, ["--filter", "Agree"] },
        { "oim-p1", null, null, ["--latest"] },
        { null, "oim-p1", null, ["--force", "--filter", "Agree"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_command_line_and_the_cmdlets_select_the_same_cloud_and_definitions_and_plan_the_same(
        string? cloud, string? osCloud, string? osAuthUrl, string[] query)
    {
        Environment.SetEnvironmentVariable("OS_CLOUD", osCloud);
        Environment.SetEnvironmentVariable("OS_AUTH_URL", osAuthUrl);

        string[] cloudArgs = cloud is null ? [] : ["--cloud", cloud];
        var (exit, output, error) = CommandLineInProcess.Run([.. cloudArgs, "--images", _work, "--tag", _tag, "--dry-run", .. query]);
        Assert.True(exit == 0, error);

        var filter = Array.IndexOf(query, "--filter") is var f and >= 0 ? $" -Filter '{query[f + 1]}'" : string.Empty;
        var switches = (query.Contains("--latest") ? " -Latest" : string.Empty) + (query.Contains("--force") ? " -IncludeDisabled" : string.Empty);
        var plan = _shell.Run(
            $"Get-ImageDefinition -Path '{_work}'{filter}{switches} | Compare-GlanceImage{(cloud is null ? string.Empty : $" -Cloud {cloud}")} -Tag '{_tag}' -Rotation @{{}} -Verbose");
        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));

        var cmdletCloud = _shell.Verbose.Select(v => v.Message).Single(m => m.StartsWith("Cloud: ", StringComparison.Ordinal));
        var cliCloud = CloudLine().Match(error).Groups["line"].Value;
        Assert.Equal(cmdletCloud, cliCloud);
        Assert.Contains(cloud ?? osCloud!, cmdletCloud, StringComparison.Ordinal);

        var cmdletPlan = plan.Where(p => p.Properties["Kind"].Value.ToString() is not ("NoChange" or "Orphaned")).Select(p => p.ToString()).ToArray();
        var cliPlan = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(cliPlan);
        Assert.Equal(cliPlan, cmdletPlan);
    }

    [GeneratedRegex(@"\| INFO +\| (?<line>Cloud: .*)$", RegexOptions.Multiline)]
    private static partial Regex CloudLine();

    private static string Definition(string name, bool multi, bool enable, string url, params string[] versions) =>
        DefinitionYaml.Image(name, multi, versions.Select(v => new DefinitionYaml.Version(v, url, $"2025-01-0{v}")), DefinitionYaml.Minimal with { Enable = enable });
}
