using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>
/// Rules over more than one file or mode that the one-fault corpus (Fixtures/bad-definitions) cannot
/// hold: the getting-started definition with its defaults, -Strict on them, fixed image ids across
/// files, what a message shows of a hostile value, and the keys meta may still set.
/// </summary>
public class InputRulesTests
{
    private static string GettingStarted => Path.Combine(TestPaths.Fixtures, "getting-started", "getting-started.yml");

    private static DefinitionLoadResult Load(bool strict, params string[] paths) =>
        DefinitionLoader.Load(paths, strict, NullOperationLog.Instance, CancellationToken.None);

    [Fact]
    public void The_python_tools_getting_started_definition_loads_as_written_with_its_defaults()
    {
        var result = Load(false, GettingStarted);

        Assert.Empty(result.Problems);
        var definition = Assert.Single(result.Definitions);
        Assert.True(definition.Enable);
        Assert.False(definition.Meta.ContainsKey("hypervisor_type"));
        Assert.False(definition.Meta.ContainsKey("os_purpose"));
        Assert.Equal(["MyCirros 0.6.0"], definition.GlanceNames);
    }

    [Fact]
    public void Strict_reports_each_key_the_python_schema_requires_and_the_definition_leaves_out()
    {
        var result = Load(true, GettingStarted);

        Assert.Empty(result.Definitions);
        Assert.Equal(
        [
            $"{GettingStarted}:3:5: error: 'enable' is missing: taken as true (the Python tool's schema requires it)",
            $"{GettingStarted}:13:7: error: 'hypervisor_type' is missing: no such property is set (the Python tool's schema requires it)",
            $"{GettingStarted}:13:7: error: 'os_purpose' is missing: no such property is set (the Python tool's schema requires it)",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_fixed_image_id_given_to_versions_of_two_definitions_is_an_error_in_the_second()
    {
        const string id = "0b4c6a5e-4f7e-4c39-9a59-2f4a0c1e7d11";
        var first = DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("First", true, [new DefinitionYaml.Version("1", Id: id)])), "a.yml");
        var second = DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("Second", true, [new DefinitionYaml.Version("1", Id: id)])), "b.yml");

        var result = Load(false, first, second);

        Assert.Equal(["First"], result.Definitions.Select(d => d.Name));
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{second}:26:13: error: image id '{id}' is also given to a version of 'First' ({first}:26:13); Glance image ids are unique", problem.ToString());
    }

    [Theory]
    [InlineData("\"Testix\\e]0;owned\\a\"", "Testix\\u001B]0;owned\\u0007")]
    [InlineData("\"Testix\\nERROR forged line\"", "Testix\\u000AERROR forged line")]
    public void Messages_show_hostile_values_escaped_never_raw(string yamlName, string shown)
    {
        // The name is fine but the format is wrong: the message quotes the image by its (hostile) name.
        var image = DefinitionYaml.Image("NAME", true, ["1"]).Replace("- name: NAME", $"- name: {yamlName}", StringComparison.Ordinal)
            .Replace("    format: qcow2\n", string.Empty, StringComparison.Ordinal);
        var path = DefinitionYaml.WriteTemp(DefinitionYaml.File(image));

        var result = Load(false, path);

        Assert.Contains(result.Problems, p => p.Message == $"image '{shown}' is missing the required key 'format'");
        Assert.All(result.Problems, p => Assert.DoesNotContain(p.ToString(), c => char.IsControl(c)));
    }

    [Fact]
    public void Meta_may_still_set_the_description_that_names_its_definition_and_the_source_of_a_file_version()
    {
        var image = DefinitionYaml.Image("Testix", true, ["1"]).Replace("      provided_until: none\n",
            "      provided_until: none\n      image_description: https://example.com/testix\n      image_source: https://example.com/testix\n", StringComparison.Ordinal);

        var result = Load(false, DefinitionYaml.WriteTemp(DefinitionYaml.File(image)));

        Assert.Empty(result.Problems);
        Assert.Equal("https://example.com/testix", Assert.Single(result.Definitions).Meta["image_description"]);
    }
}
