using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Engine.Tests.Definitions;

public class FixtureCatalogTests
{
    private static DefinitionLoadResult LoadCatalog(bool strict = false) =>
        DefinitionLoader.Load([TestPaths.Catalog], strict, NullOperationLog.Instance, CancellationToken.None);

    [Fact]
    public void Whole_catalog_loads_without_any_problem_even_strict()
    {
        var result = LoadCatalog(strict: true);

        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.Equal(12, result.Files.Count);
        Assert.Equal(29, result.Definitions.Count);
        Assert.Equal(12, result.Definitions.Count(d => d.Enable));
    }

    [Fact]
    public void Directory_files_are_read_in_ordinal_name_order_and_schema_yaml_is_not_a_definition_file()
    {
        var names = LoadCatalog().Files.Select(f => Path.GetFileName(f)).ToArray();

        Assert.Equal(
            ["almalinux.yml", "centos.yml", "cirros.yml", "debian.yml", "fedora.yml", "flatcar.yml", "gardenlinux.yml",
             "opensuse.yml", "opnsense.yml", "rockylinux.yml", "talos.yml", "ubuntu.yml"],
            names);
    }
}
