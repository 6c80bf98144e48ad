using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Engine.Updates.Editing;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Updates;

/// <summary>
/// Golden tests of the text-level edit on copies of the real catalog files: only the values of one
/// version entry change, every other byte (comments, quoting, the catalog's "key: \n value" layout,
/// key order) stays, and the result loads clean.
/// </summary>
public sealed class DefinitionTextEditorTests : IDisposable
{
    private const string NewChecksum = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private readonly string _folder = Directory.CreateTempSubdirectory("oim-edit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Real(string file) => File.ReadAllText(Path.Combine(TestPaths.Catalog, file));

    [Fact]
    public void Replace_newest_rewrites_the_five_values_in_their_own_layout_and_nothing_else()
    {
        var before = Real("ubuntu.yml");
        var values = new NewVersionValues("20261203", "https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img",
            "https://nbg1.your-objectstorage.com/osism/openstack-images/ubuntu-24.04/20261203-ubuntu-24.04.qcow2", NewChecksum, new DateOnly(2026, 12, 3));

        var change = DefinitionTextEditor.Edit(before, "Ubuntu 24.04", values, CatalogUpdatePolicy.ReplaceNewest, 0);

        const string Old = """
                  - version: '20260108'
                    url: 
                      https://cloud-images.ubuntu.com/noble/20260108/noble-server-cloudimg-amd64.img
                    mirror_url: 
                      https://nbg1.your-objectstorage.com/osism/openstack-images/ubuntu-24.04/20260108-ubuntu-24.04.qcow2
                    checksum: 
                      sha256:00786c0936a7dd91a6b07941ca60bb56652975e0e72f9dacf73c887ada420966
                    build_date: 2026-01-08
            """;
        const string New = """
                  - version: '20261203'
                    url: 
                      https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img
                    mirror_url: 
                      https://nbg1.your-objectstorage.com/osism/openstack-images/ubuntu-24.04/20261203-ubuntu-24.04.qcow2
                    checksum: 
                      sha256:1111111111111111111111111111111111111111111111111111111111111111
                    build_date: 2026-12-03
            """;
        Assert.Contains(Old, before, StringComparison.Ordinal);
        Assert.Equal(before.Replace(Old, New, StringComparison.Ordinal), change.Text);
        Assert.Equal("20260108", change.OldVersion);
        Assert.False(DefinitionLoader.LoadText("ubuntu.yml", change.Text, CancellationToken.None).HasErrors);
    }

    [Fact]
    public void The_diff_shows_exactly_the_changed_lines_with_context()
    {
        var before = Real("ubuntu.yml");
        var values = new NewVersionValues("20261203", "https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img", null, NewChecksum, new DateOnly(2026, 12, 3));
        var change = DefinitionTextEditor.Edit(before, "Ubuntu 24.04", values, CatalogUpdatePolicy.ReplaceNewest, 0);

        var diff = LineDiff.Unified(before, change.Text, "ubuntu.yml");

        var changed = diff.Split('\n').Where(l => l.Length > 0 && l[0] is '-' or '+' && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "-      - version: '20260108'",
            "+      - version: '20261203'",
            "-          https://cloud-images.ubuntu.com/noble/20260108/noble-server-cloudimg-amd64.img",
            "-        mirror_url: ",
            "-          https://nbg1.your-objectstorage.com/osism/openstack-images/ubuntu-24.04/20260108-ubuntu-24.04.qcow2",
            "+          https://cloud-images.ubuntu.com/noble/20261203/noble-server-cloudimg-amd64.img",
            "-          sha256:00786c0936a7dd91a6b07941ca60bb56652975e0e72f9dacf73c887ada420966",
            "-        build_date: 2026-01-08",
            "+          sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "+        build_date: 2026-12-03",
        ], changed);
        Assert.Matches(@"^--- ubuntu\.yml\n\+\+\+ ubuntu\.yml\n@@ -\d+,\d+ \+\d+,\d+ @@\n", diff);
    }

    [Fact]
    public void Append_copies_the_newest_entry_keeps_its_key_order_and_quoting_and_drops_the_oldest_beyond_keep()
    {
        var before = Real("gardenlinux.yml");
        var values = new NewVersionValues("1877.12", "https://github.com/gardenlinux/gardenlinux/releases/download/1877.12/openstack-gardener_prod-amd64-1877.12-5e6f7a8b.tar.xz",
            "https://nbg1.your-objectstorage.com/osism/openstack-images/gardenlinux/1877.12/openstack-gardener_prod-amd64-1877.12-5e6f7a8b.qcow2", NewChecksum, new DateOnly(2026, 12, 1));

        var change = DefinitionTextEditor.Edit(before, "Garden Linux", values, CatalogUpdatePolicy.Append, keep: 3);

        Assert.EndsWith("""
                  - version: '1877.12'
                    url: https://github.com/gardenlinux/gardenlinux/releases/download/1877.12/openstack-gardener_prod-amd64-1877.12-5e6f7a8b.tar.xz
                    mirror_url: https://nbg1.your-objectstorage.com/osism/openstack-images/gardenlinux/1877.12/openstack-gardener_prod-amd64-1877.12-5e6f7a8b.qcow2
                    build_date: 2026-12-01
                    checksum: sha256:1111111111111111111111111111111111111111111111111111111111111111

            """, change.Text, StringComparison.Ordinal);
        Assert.Equal(["1592.14", "1592.15", "1592.16", "1877.5", "1877.6"], change.RemovedVersions.Order(NaturalVersionComparer.Instance));
        var reloaded = DefinitionLoader.LoadText("gardenlinux.yml", change.Text, CancellationToken.None);
        Assert.False(reloaded.HasErrors);
        Assert.Equal(["1877.7", "1877.10", "1877.12"], reloaded.Definitions.Single().Versions.Select(v => v.Version));
        Assert.StartsWith(before[..before.IndexOf("    versions:", StringComparison.Ordinal)], change.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_double_quoted_checksum_stays_double_quoted()
    {
        var before = Real("opensuse.yml");
        var values = new NewVersionValues("20261127", "https://download.opensuse.org/x.qcow2", null, NewChecksum, new DateOnly(2026, 11, 27));
        var change = DefinitionTextEditor.Edit(before, "openSUSE Leap 15.6", values, CatalogUpdatePolicy.ReplaceNewest, 0);
        Assert.Contains($"checksum: \"{NewChecksum}\"", change.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mirror_url_is_added_after_url_with_the_entry_indentation()
    {
        var before = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "update-catalog", "new-majors.yml"));
        var values = new NewVersionValues("20261127", "https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/a.qcow2", "https://mirror.example/bucket/almalinux-10/20261127-almalinux-10.qcow2", NewChecksum, new DateOnly(2026, 11, 27));
        var change = DefinitionTextEditor.Edit(before, "AlmaLinux 10", values, CatalogUpdatePolicy.ReplaceNewest, 0);
        Assert.Contains("""
                      https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/a.qcow2
                    mirror_url: https://mirror.example/bucket/almalinux-10/20261127-almalinux-10.qcow2
                    checksum: 
            """, change.Text, StringComparison.Ordinal);
        Assert.False(DefinitionLoader.LoadText("new-majors.yml", change.Text, CancellationToken.None).HasErrors);
    }

    [Fact]
    public void Every_definition_of_the_real_catalog_can_be_replaced_in_place_and_still_loads()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Catalog, "*.yml"))
        {
            var before = File.ReadAllText(file);
            foreach (var definition in DefinitionLoader.LoadText(file, before, CancellationToken.None).Definitions.Where(d => d.Versions.Count > 0))
            {
                var values = new NewVersionValues("29991231", "https://example.org/new.qcow2", null, NewChecksum, new DateOnly(2999, 12, 31));
                var change = DefinitionTextEditor.Edit(before, definition.Name, values, CatalogUpdatePolicy.ReplaceNewest, 0);
                var reloaded = DefinitionLoader.LoadText(file, change.Text, CancellationToken.None);
                Assert.False(reloaded.HasErrors, $"{Path.GetFileName(file)} {definition.Name}: {string.Join("; ", reloaded.Problems)}");
                Assert.Equal("29991231", reloaded.Definitions.Single(d => d.Name == definition.Name).CurrentVersion!.Version);
                var others = reloaded.Definitions.Where(d => d.Name != definition.Name).Select(d => string.Join(",", d.Versions.Select(v => v.Version + v.Url)));
                Assert.Equal(DefinitionLoader.LoadText(file, before, CancellationToken.None).Definitions.Where(d => d.Name != definition.Name).Select(d => string.Join(",", d.Versions.Select(v => v.Version + v.Url))), others);
            }
        }
    }

    [Fact]
    public void A_plain_version_that_would_read_as_a_number_is_quoted()
    {
        Assert.Equal("'20261203'", ScalarText.Render("20261203", Engine.Yaml.ScalarQuoting.Plain, Engine.Yaml.ScalarKind.String));
        Assert.Equal("1877.12a", ScalarText.Render("1877.12a", Engine.Yaml.ScalarQuoting.Plain, Engine.Yaml.ScalarKind.String));
        Assert.Equal("2026-12-03", ScalarText.Render("2026-12-03", Engine.Yaml.ScalarQuoting.Plain, Engine.Yaml.ScalarKind.Date));
    }

    [Fact]
    public async Task The_updater_writes_the_file_atomically_and_refuses_a_file_changed_meanwhile()
    {
        var file = Path.Combine(_folder, "ubuntu.yml");
        File.Copy(Path.Combine(TestPaths.Catalog, "ubuntu.yml"), file);
        var definition = DefinitionLoader.Load([file], false, NullOperationLog.Instance, CancellationToken.None).Definitions.Single(d => d.Name == "Ubuntu 22.04");
        var update = new ImageUpdate
        {
            Definition = definition, CurrentVersion = "20260119", NewVersion = "20261203", BuildDate = new DateOnly(2026, 12, 3),
            Url = "https://cloud-images.ubuntu.com/jammy/20261203/jammy-server-cloudimg-amd64.img", Checksum = NewChecksum,
            Source = new UpdateSource { Kind = UpdateSourceKind.DatedDirectory }, IsNew = true,
        };
        using var updater = new DefinitionUpdater(new UpdateOptions(), null, NullOperationLog.Instance);

        var prepared = await updater.PrepareAsync(update, CatalogUpdatePolicy.Auto, 0, NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(CatalogUpdatePolicy.ReplaceNewest, prepared.Edit.Policy);
        Assert.Null(prepared.Edit.MirrorUrl);
        var written = await updater.WriteAsync(prepared, NullOperationLog.Instance, CancellationToken.None);

        Assert.True(written.Written);
        Assert.Single(Directory.GetFiles(_folder));
        var reloaded = DefinitionLoader.Load([file], false, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(reloaded.HasErrors);
        Assert.Equal("20261203", reloaded.Definitions.Single(d => d.Name == "Ubuntu 22.04").CurrentVersion!.Version);

        var again = await updater.PrepareAsync(update, CatalogUpdatePolicy.ReplaceNewest, 0, NullOperationLog.Instance, CancellationToken.None);
        File.AppendAllText(file, "# edited meanwhile\n");
        await Assert.ThrowsAsync<CatalogEditException>(() => updater.WriteAsync(again, NullOperationLog.Instance, CancellationToken.None));
    }
}
