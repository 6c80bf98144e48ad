using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

public class NamingTests
{
    private static ImageDefinition LoadOne(string image)
    {
        var result = DefinitionLoader.Load([DefinitionYaml.WriteTemp(DefinitionYaml.File(image))], strict: true,
            NullOperationLog.Instance, CancellationToken.None);
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        return Assert.Single(result.Definitions);
    }

    [Theory]
    [InlineData("9", "10")]
    [InlineData("1877.5", "1877.10")]
    [InlineData("0.6.2", "0.6.3")]
    [InlineData("20240416", "20240422")]
    [InlineData("2024-04-09", "2024-04-10")]
    [InlineData("20260124", "latest")]
    [InlineData("1.9.1", "1.10")]
    [InlineData("v1.2", "v1.10")]
    [InlineData("007", "8")]
    public void Natural_order_puts_the_first_before_the_second(string older, string newer)
    {
        Assert.True(NaturalVersionComparer.Instance.Compare(older, newer) < 0);
        Assert.True(NaturalVersionComparer.Instance.Compare(newer, older) > 0);
    }

    [Fact]
    public void Natural_order_of_the_garden_linux_versions_matches_natsort()
    {
        string[] versions = ["1592.14", "1877.5", "1877.6", "1877.7", "1592.15", "1592.16", "1877.10"];

        var sorted = versions.Order(NaturalVersionComparer.Instance).ToArray();

        Assert.Equal(["1592.14", "1592.15", "1592.16", "1877.5", "1877.6", "1877.7", "1877.10"], sorted);
    }

    [Fact]
    public void Multi_names_the_newest_version_bare_and_older_ones_with_the_version_in_parentheses()
    {
        var definition = LoadOne(DefinitionYaml.Image("Ubuntu 24.04", multi: true, ["10", "9", "20240416"]));

        Assert.Equal(["Ubuntu 24.04 (9)", "Ubuntu 24.04 (10)", "Ubuntu 24.04"], definition.GlanceNames);
        Assert.Equal("20240416", definition.CurrentVersion!.Version);
        Assert.Equal([false, false, true], definition.Versions.Select(v => v.IsCurrent));
    }

    [Fact]
    public void Non_multi_names_every_version_name_space_version()
    {
        var definition = LoadOne(DefinitionYaml.Image("Cirros", multi: false, ["0.6.3", "0.6.2"]));

        Assert.Equal(["Cirros 0.6.2", "Cirros 0.6.3"], definition.GlanceNames);
        Assert.True(definition.Versions[^1].IsCurrent);
    }

    [Fact]
    public void Separator_replaces_the_space_in_both_modes()
    {
        var single = LoadOne(DefinitionYaml.Image("ubuntu-capi-image", multi: false, ["v1.30.2", "v1.29.9"], separator: "-"));
        var multi = LoadOne(DefinitionYaml.Image("ubuntu-capi-image", multi: true, ["v1.29.9", "v1.30.2"], separator: "-"));

        Assert.Equal(["ubuntu-capi-image-v1.29.9", "ubuntu-capi-image-v1.30.2"], single.GlanceNames);
        Assert.Equal(["ubuntu-capi-image-(v1.29.9)", "ubuntu-capi-image"], multi.GlanceNames);
    }

    [Fact]
    public void Latest_is_newer_than_any_dated_version()
    {
        var definition = LoadOne(DefinitionYaml.Image("Debian 12", multi: true, ["latest", "20260124"]));

        Assert.Equal(["Debian 12 (20260124)", "Debian 12"], definition.GlanceNames);
        Assert.True(definition.CurrentVersion!.IsLatest);
    }

    [Fact]
    public void Dates_as_versions_sort_by_date()
    {
        var definition = LoadOne(DefinitionYaml.Image("Fedora", multi: false, ["2024-10-01", "2024-9-30", "2023-12-31"]));

        Assert.Equal(["Fedora 2023-12-31", "Fedora 2024-9-30", "Fedora 2024-10-01"], definition.GlanceNames);
    }

    [Fact]
    public void Selection_never_trims_versions_because_latest_is_a_planning_rule()
    {
        var multi = LoadOne(DefinitionYaml.Image("Ubuntu 24.04", multi: true, ["9", "10"]));
        var single = LoadOne(DefinitionYaml.Image("Cirros", multi: false, ["0.6.2", "0.6.3"]));

        var selected = DefinitionSelection.Select([multi, single], filter: null, includeDisabled: false).ToArray();

        Assert.Equal(["Ubuntu 24.04 (9)", "Ubuntu 24.04"], selected[0].GlanceNames);
        Assert.Equal(["Cirros 0.6.2", "Cirros 0.6.3"], selected[1].GlanceNames);
    }
}
