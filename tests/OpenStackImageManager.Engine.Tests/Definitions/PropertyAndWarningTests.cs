using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

public class PropertyAndWarningTests
{
    private static DefinitionLoadResult Load(string image, bool strict = false) =>
        DefinitionLoader.Load([DefinitionYaml.WriteTemp(DefinitionYaml.File(image))], strict, NullOperationLog.Instance, CancellationToken.None);

    private static string WithMeta(string extra) =>
        DefinitionYaml.Image("Testix", multi: true, ["1"]).Replace("      provided_until: none\n", "      provided_until: none\n" + extra, StringComparison.Ordinal);

    [Fact]
    public void Unknown_meta_keys_are_properties_with_glance_strings_and_nulls_are_left_out()
    {
        var result = Load(WithMeta("      hw_qemu_guest_agent: yes\n      hw_firmware_type: uefi\n      hw_machine_type: q35\n      hw_vif_multiqueue_enabled: True\n      hw_video_ram: 64\n      os_admin_user: null\n"));

        Assert.Empty(result.Problems);
        var meta = Assert.Single(result.Definitions).Meta;
        Assert.Equal("true", meta["hw_qemu_guest_agent"]);
        Assert.Equal("uefi", meta["hw_firmware_type"]);
        Assert.Equal("q35", meta["hw_machine_type"]);
        Assert.Equal("true", meta["hw_vif_multiqueue_enabled"]);
        Assert.Equal("64", meta["hw_video_ram"]);
        Assert.False(meta.ContainsKey("os_admin_user"));
        Assert.DoesNotContain(meta.Values, v => v is "True" or "None");
    }

    [Fact]
    public void A_nullable_schema_key_set_to_null_is_no_property()
    {
        var image = DefinitionYaml.Image("Testix", multi: true, ["1"]).Replace("hw_disk_bus: scsi", "hw_disk_bus: null", StringComparison.Ordinal);

        var definition = Assert.Single(Load(image).Definitions);

        Assert.False(definition.Meta.ContainsKey("hw_disk_bus"));
    }

    [Fact]
    public void A_likely_typo_of_a_known_property_is_a_warning_that_strict_makes_an_error()
    {
        var image = WithMeta("      os_distor: ubuntu\n");

        var lenient = Load(image);
        var strict = Load(image, strict: true);

        var warning = Assert.Single(lenient.Problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal("unknown property 'os_distor'; did you mean 'os_distro'? (it is sent to Glance as written)", warning.Message);
        Assert.Equal((21, 7), (warning.Line, warning.Column)); // the line after provided_until (line 20)
        Assert.Single(lenient.Definitions);
        Assert.Equal(ProblemSeverity.Error, Assert.Single(strict.Problems).Severity);
        Assert.Empty(strict.Definitions);
    }

    [Fact]
    public void Merge_keys_and_anchors_work_as_in_pyyaml()
    {
        var image = DefinitionYaml.Image("Testix", multi: true, ["1"])
            .Replace("    meta:\n", "    meta: &meta\n", StringComparison.Ordinal);
        var second = DefinitionYaml.Image("Testix 2", multi: true, ["1"]);
        var metaStart = second.IndexOf("    meta:\n", StringComparison.Ordinal);
        var metaEnd = second.IndexOf("    tags:", StringComparison.Ordinal);
        second = second[..metaStart] + "    meta:\n      <<: *meta\n      os_purpose: minimal\n" + second[metaEnd..];

        var result = Load(image + second);

        Assert.Empty(result.Problems);
        Assert.Equal("minimal", result.Definitions[1].Meta["os_purpose"]);
        Assert.Equal("qemu", result.Definitions[1].Meta["hypervisor_type"]);
    }

    [Fact]
    public void A_quoted_build_date_and_a_timestamp_are_dates()
    {
        var image = DefinitionYaml.Image("Testix", multi: false, ["1", "2"]);
        var first = image.IndexOf("build_date: 2024-06-03", StringComparison.Ordinal);
        image = image[..first] + "build_date: '2024-06-01'" + image[(first + 22)..];
        image = image.Replace("build_date: 2024-06-03", "build_date: 2024-06-02 10:20:30", StringComparison.Ordinal);

        var definition = Assert.Single(Load(image).Definitions);

        Assert.Equal([new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 2)], definition.Versions.Select(v => v.BuildDate));
    }
}
