using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>
/// The fixture catalog must produce exactly the images the Python tool creates for it
/// (docs/BEHAVIOUR.md, "Naming"): multi definitions with one version end up as the bare
/// name, non-multi ones as "name version" for every version.
/// </summary>
public class CatalogGlanceNamesTests
{
    private static readonly DefinitionLoadResult Catalog =
        DefinitionLoader.Load([TestPaths.Catalog], strict: false, NullOperationLog.Instance, CancellationToken.None);

    [Fact]
    public void Enabled_definitions_produce_the_names_the_python_tool_creates_by_default()
    {
        var names = DefinitionSelection.Select(Catalog.Definitions, null, includeDisabled: false)
            .SelectMany(d => d.GlanceNames);

        Assert.Equal(
        [
            "AlmaLinux 9",
            "CentOS Stream 9",
            "Cirros 0.6.2", "Cirros 0.6.3",
            "Debian 11", "Debian 12", "Debian 13",
            "openSUSE Leap 15.6",
            "Rocky 9",
            "Ubuntu 22.04", "Ubuntu 22.04 Minimal", "Ubuntu 24.04", "Ubuntu 24.04 Minimal",
        ], names);
    }

    [Fact]
    public void All_definitions_produce_the_names_the_python_tool_creates_with_force()
    {
        var names = Catalog.Definitions.SelectMany(d => d.GlanceNames);

        Assert.Equal(
        [
            "AlmaLinux 8", "AlmaLinux 9",
            "CentOS 7", "CentOS Stream 8", "CentOS Stream 9",
            "Cirros 0.6.2", "Cirros 0.6.3",
            "Debian 10", "Debian 11", "Debian 12", "Debian 13",
            "Fedora 37",
            "Flatcar Container Linux 4230.2.4",
            "Garden Linux 1592.14", "Garden Linux 1592.15", "Garden Linux 1592.16",
            "Garden Linux 1877.5", "Garden Linux 1877.6", "Garden Linux 1877.7", "Garden Linux 1877.10",
            "openSUSE Leap 15.6",
            "OPNsense 25.7",
            "Rocky 8", "Rocky 9",
            "Talos Linux 1.11.3",
            "Ubuntu 14.04", "Ubuntu 16.04", "Ubuntu 16.04 Minimal", "Ubuntu 18.04", "Ubuntu 18.04 Minimal",
            "Ubuntu 20.04", "Ubuntu 20.04 Minimal", "Ubuntu 22.04", "Ubuntu 22.04 Minimal", "Ubuntu 24.04",
            "Ubuntu 24.04 Minimal",
        ], names);
    }

    [Fact]
    public void Properties_are_glance_strings_in_file_order()
    {
        var ubuntu = Catalog.Definitions.Single(d => d.Name == "Ubuntu 24.04");

        Assert.Equal(
            ["architecture", "hw_disk_bus", "hw_rng_model", "hw_scsi_model", "hw_watchdog_action", "hypervisor_type",
             "os_distro", "os_version", "os_purpose", "replace_frequency", "uuid_validity", "provided_until"],
            ubuntu.Meta.Keys);
        Assert.Equal("24.04", ubuntu.Meta["os_version"]);
        Assert.Equal("sha256", ubuntu.CurrentVersion!.Checksum!.Algorithm);
        Assert.Equal("00786c0936a7dd91a6b07941ca60bb56652975e0e72f9dacf73c887ada420966", ubuntu.CurrentVersion.Checksum.Value);
        Assert.Equal(new DateOnly(2026, 1, 8), ubuntu.CurrentVersion.BuildDate);
    }

    [Fact]
    public void Source_file_and_line_point_at_the_definition()
    {
        var cirros = Catalog.Definitions.Single(d => d.Name == "Cirros");

        Assert.EndsWith("cirros.yml", cirros.SourceFile);
        Assert.Equal(4, cirros.SourceLine);
        Assert.Equal("gocubsgo", cirros.Password);
    }
}
