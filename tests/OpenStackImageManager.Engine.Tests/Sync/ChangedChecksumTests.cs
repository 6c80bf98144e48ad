using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// A version whose declared checksum changed: never a silent rewrite of upstream_checksum over old
/// bytes; a Conflict that fails the run, or a re-import under the switch that keeps the old image until
/// the new one is verified.
/// </summary>
public class ChangedChecksumTests
{
    private static readonly string s_old = new('1', 64);
    private static readonly string s_new = new('2', 64);

    private static (ImageDefinition Definition, GlanceImage Existing) Scenario(string? fixedId = null, string url = "https://example.com/Debian/1.qcow2")
    {
        var before = Version("Debian", "1", checksum: s_old);
        var now = new ImageVersion
        {
            DefinitionName = "Debian",
            Version = "1",
            Url = url,
            Checksum = new ImageChecksum("sha256", s_new),
            BuildDate = before.BuildDate,
            GlanceName = before.GlanceName,
            Id = fixedId,
        };
        var definition = Definition("Debian", versions: ["1"]);
        var existing = Synced(definition, before, id: fixedId);
        var changed = Copy(definition, versions: [now]);
        return (changed, existing);
    }

    [Fact]
    public void Without_the_switch_the_image_is_left_as_it_is_and_a_Conflict_fails_the_run()
    {
        var (definition, existing) = Scenario(url: "https://example.com/Debian/1-fixed.qcow2");

        var plan = Plan([definition], [existing]);

        var conflict = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.Conflict, conflict.Kind);
        Assert.Equal(existing.Id, conflict.ImageId);
        Assert.Contains("never verified against the new checksum", conflict.Description, StringComparison.Ordinal);
        Assert.Contains("--reimport-changed", conflict.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_switch_a_new_image_replaces_the_current_one_after_verification()
    {
        var (definition, existing) = Scenario();

        var plan = Plan([definition], [existing], new PlanOptions { ManagedTag = Tag, ReimportChanged = true });

        var create = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.Create, create.Kind);
        Assert.Same(existing, create.Image);
        Assert.Equal(s_new, create.Target.Properties[DesiredImage.UpstreamChecksum]);
        Assert.Contains($"replacing image {existing.Id} once the new one is verified", create.Description, StringComparison.Ordinal);
        Assert.Contains("1-replaced-19700101", create.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_id_cannot_be_reimported_and_stays_a_Conflict()
    {
        var (definition, existing) = Scenario(fixedId: Guid.NewGuid().ToString());

        var plan = Plan([definition], [existing], new PlanOptions { ManagedTag = Tag, ReimportChanged = true });

        Assert.Equal(ImageChangeKind.Conflict, Assert.Single(plan).Kind);
        Assert.Contains("cannot be re-imported", plan[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void When_Glances_own_hash_proves_the_new_checksum_only_the_recorded_value_changes()
    {
        var sha512 = new string('5', 128);
        var before = new ImageVersion { DefinitionName = "Raw", Version = "1", Url = "https://example.com/raw.img", Checksum = new ImageChecksum("sha512", new string('4', 128)), BuildDate = new DateOnly(2024, 6, 3), GlanceName = "Raw 1" };
        var now = new ImageVersion { DefinitionName = "Raw", Version = "1", Url = before.Url, Checksum = new ImageChecksum("sha512", sha512), BuildDate = before.BuildDate, GlanceName = "Raw 1" };
        var template = Definition("Raw", versions: ["1"]);
        ImageDefinition Of(ImageVersion v) => new()
        {
            Name = "Raw", Format = "raw", Login = template.Login, MinDisk = 1, MinRam = 512, Status = "active", Visibility = "public", Meta = template.Meta, Versions = [v], SourceFile = "unit.yml",
        };
        var existing = Synced(Of(before), before) with { DiskFormat = "raw", HashAlgorithm = "sha512", HashValue = sha512 };

        var plan = Plan([Of(now)], [existing]);

        var update = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.UpdateProperties, update.Kind);
        Assert.Equal(sha512, update.Target.Properties[DesiredImage.UpstreamChecksum]);
    }
}
