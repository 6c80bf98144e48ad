namespace OpenStackImageManager.Cli.Tests;

/// <summary>
/// The main job in a CI system, as a process with the CI system's variables: errors become annotations on
/// stdout (where GitHub Actions and Azure Pipelines read their commands), with no secret in them.
/// </summary>
public sealed class CliCiReportingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oim-ci-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task In_GitHub_Actions_an_invalid_catalog_is_an_error_annotation_per_problem()
    {
        var summary = Path.Combine(_folder, "summary.md");
        var result = await ToolProcess.RunAsync(
            ["--cloud", "nowhere", "--images", Path.Combine(TestPaths.BadDefinitions, "bad-format.yml")],
            environment: new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["TF_BUILD"] = null });

        Assert.Equal(1, result.ExitCode);
        var annotations = result.StandardOutput.Split('\n').Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).ToList();
        Assert.Contains(annotations, a => a.StartsWith("::error title=openstack-image-manager::", StringComparison.Ordinal) && a.Contains("'format' must be one of", StringComparison.Ordinal));
        Assert.Contains(annotations, a => a.Contains("nothing was sent to the cloud", StringComparison.Ordinal));
        Assert.False(File.Exists(summary), "no plan was made, so there is no summary");
    }

    [Fact]
    public async Task In_Azure_Pipelines_an_error_is_a_logissue_line_on_one_line()
    {
        var result = await ToolProcess.RunAsync(
            ["--cloud", "nowhere", "--images", Path.Combine(TestPaths.BadDefinitions, "bad-format.yml")],
            environment: new Dictionary<string, string?> { ["TF_BUILD"] = "True", ["GITHUB_ACTIONS"] = null });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.StandardOutput.Split('\n'), l => l.StartsWith("##vso[task.logissue type=error]openstack-image-manager: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_CI_stdout_has_no_annotations()
    {
        var result = await ToolProcess.RunAsync(
            ["--cloud", "nowhere", "--images", Path.Combine(TestPaths.BadDefinitions, "bad-format.yml")],
            environment: new Dictionary<string, string?> { ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null });

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("::error", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("##vso", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_in_GitHub_Actions_is_an_annotation_without_the_password()
    {
        var clouds = Path.Combine(_folder, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, """
            clouds:
              ci:
                auth:
                  auth_url: http://127.0.0.1:9/v3
                  username: ci-user
                  password: Sup3r-Secret-Value
                  project_name: ci
                  user_domain_name: Default
                  project_domain_name: Default
            """);
        var result = await ToolProcess.RunAsync(
            ["--cloud", "ci", "--images", TestPaths.Catalog, "--dry-run"],
            environment: new Dictionary<string, string?>
            {
                ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = Path.Combine(_folder, "summary.md"), ["TF_BUILD"] = null,
                ["OS_CLIENT_CONFIG_FILE"] = clouds, ["OS_CLOUD"] = null, ["OS_AUTH_URL"] = null,
            });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("::error title=openstack-image-manager::", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret-Value", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }
}
