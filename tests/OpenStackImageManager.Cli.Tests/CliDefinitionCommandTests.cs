namespace OpenStackImageManager.Cli.Tests;

/// <summary>The <c>validate</c> and <c>table</c> subcommands through the tool's entry point: output and exit codes.</summary>
public class CliDefinitionCommandTests
{
    [Fact]
    public void Validate_of_the_fixture_catalog_exits_0_and_prints_nothing()
    {
        var (exit, output, error) = InProcessTool.Run("validate", TestPaths.Catalog, "--strict");

        Assert.Equal((0, "", ""), (exit, output, error));
    }

    [Fact]
    public void Validate_of_a_bad_file_exits_1_and_prints_file_line_column_severity_message()
    {
        var bad = Path.Combine(TestPaths.BadDefinitions, "bad-format.yml");

        var (exit, output, _) = InProcessTool.Run("validate", bad);

        Assert.Equal(1, exit);
        Assert.Equal($"{bad}:7:13: error: 'format' must be one of aki, ari, ami, raw, iso, vhd, vdi, qcow2, vmdk; found 'qcow'\n", output);
    }

    [Fact]
    public void Validate_quiet_prints_nothing_but_still_exits_1()
    {
        var (exit, output, _) = InProcessTool.Run("validate", "--quiet", Path.Combine(TestPaths.BadDefinitions, "bad-status.yml"));

        Assert.Equal((1, ""), (exit, output));
    }

    [Fact]
    public void Validate_prints_warnings_but_exits_0_unless_strict()
    {
        var path = DefinitionYaml.WriteTemp(DefinitionYaml.File(
            DefinitionYaml.Image("Testix", multi: true, ["1"]).Replace("      provided_until: none\n", "      provided_until: none\n      os_distor: x\n", StringComparison.Ordinal)));

        var lenient = InProcessTool.Run("validate", path);
        var strict = InProcessTool.Run("validate", "--strict", path);

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains(": warning: unknown property 'os_distor'", lenient.StandardOutput);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains(": error: unknown property 'os_distor'", strict.StandardOutput);
    }

    [Fact]
    public void Validate_with_an_unknown_option_or_a_missing_path_exits_2()
    {
        var unknownOption = InProcessTool.Run("validate", "--no-such-option", TestPaths.Catalog);
        var missingPath = InProcessTool.Run("validate", Path.Combine(TestPaths.Catalog, "no-such-file.yml"));

        Assert.Equal(2, unknownOption.ExitCode);
        Assert.Equal(2, missingPath.ExitCode);
        Assert.Contains("no such file or directory", missingPath.StandardError);
    }

    [Fact]
    public void Table_prints_the_rst_table_of_every_definition_sorted_by_name()
    {
        var (exit, output, error) = InProcessTool.Run("table", "--images", TestPaths.Catalog);

        Assert.Equal((0, ""), (exit, error));
        var lines = output.Split('\n');
        Assert.StartsWith("=======================  ==========  ========", lines[0]);
        Assert.Equal("Name                     Login user  Password", lines[1]);
        Assert.Equal("AlmaLinux 8              almalinux", lines[3]);
        Assert.Contains("Cirros                   cirros      gocubsgo", lines);
        Assert.Equal(29 + 4 + 1, lines.Length); // 3 rule lines, header, 29 rows, trailing newline
    }

    [Fact]
    public void Table_markdown_and_a_bad_format_exit_codes()
    {
        var markdown = InProcessTool.Run("table", "--images", TestPaths.Catalog, "--format", "markdown");
        var bad = InProcessTool.Run("table", "--images", TestPaths.Catalog, "--format", "html");

        Assert.Equal(0, markdown.ExitCode);
        Assert.StartsWith("| Name                    | Login user | Password |\n| ----------------------- | ---------- | -------- |\n", markdown.StandardOutput);
        Assert.Equal(2, bad.ExitCode);
    }
}
