using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>The properties, tags and attributes a synced image gets, and what the diff may touch.</summary>
public class DesiredStateTests
{
    private static readonly ImageDefinition s_debian = Definition("Debian 12", versions: ["20240601"]);

    [Fact]
    public void ThePythonToolsAutomaticPropertiesAreSet()
    {
        var version = SyncSamples.Version("Debian 12", "20240601", checksum: new string('a', 64));
        var desired = DesiredImage.For(s_debian, version, Tag, null);

        Assert.Equal("Debian 12 20240601", desired.Name);
        Assert.Equal("https://example.com/Debian 12/20240601.qcow2", desired.Properties["image_source"]);
        Assert.Equal("2024-06-03", desired.Properties["image_build_date"]);
        Assert.Equal("ubuntu", desired.Properties["image_original_user"]);
        Assert.Equal("Debian 12", desired.Properties["image_description"]);
        Assert.Equal("Debian 12", desired.Properties["image_name"]);
        Assert.Equal("20240601", desired.Properties["internal_version"]);
        Assert.Equal(new string('a', 64), desired.Properties["upstream_checksum"]);
        Assert.Equal("x86_64", desired.Properties["architecture"]);
        Assert.Equal(["managed_by_test", "os:ubuntu"], desired.Tags);
    }

    [Fact]
    public void AFileSourceIsRecordedByItsFileNameOnly()
    {
        var version = SyncSamples.Version("Debian 12", "1", url: "file:///srv/images/debian.qcow2");

        Assert.Equal("file:debian.qcow2", DesiredImage.For(s_debian, version, Tag, null).Properties["image_source"]);
    }

    [Fact]
    public void OsVersionIsTheVersionForSingleImagesAndTheReleaseForMultiImages()
    {
        var multi = Definition("Ubuntu", multi: true, meta: new Dictionary<string, string> { ["os_version"] = "24.04" }, versions: ["20240601"]);
        var single = Definition("Ubuntu", meta: new Dictionary<string, string> { ["os_version"] = "24.04" }, versions: ["24.04.1"]);
        var multiOwn = SyncSamples.Version("Ubuntu", "20240701", multi: true, osVersion: "24.04.2");

        Assert.Equal("24.04", DesiredImage.For(multi, multi.Versions[0], Tag, null).Properties["os_version"]);
        Assert.Equal("24.04.2", DesiredImage.For(multi, multiOwn, Tag, null).Properties["os_version"]);
        Assert.Equal("24.04.1", DesiredImage.For(single, single.Versions[0], Tag, null).Properties["os_version"]);
    }

    [Fact]
    public void YamlBooleansAndNullsBecomeTheStringsGlanceExpects()
    {
        var path = DefinitionYaml.WriteTemp(DefinitionYaml.File(DefinitionYaml.Image("Bools", false, ["1.0"]))
            .Replace("      os_purpose: generic\n", "      os_purpose: generic\n      hw_qemu_guest_agent: True\n      os_require_quiesce: no\n      hw_rng_model: ~\n", StringComparison.Ordinal));
        var loaded = DefinitionLoader.Load([path], false, NullOperationLog.Instance, CancellationToken.None);
        var definition = Assert.Single(loaded.Definitions);

        var properties = DesiredImage.For(definition, definition.Versions[0], Tag, null).Properties;

        Assert.Equal("true", properties["hw_qemu_guest_agent"]);
        Assert.Equal("false", properties["os_require_quiesce"]);
        Assert.DoesNotContain(properties.Values, v => v is "True" or "False" or "None");
    }

    [Fact]
    public void APropertyWeSetEarlierThatTheYamlDroppedIsRemoved()
    {
        var withBus = Definition("Debian 12", meta: new Dictionary<string, string> { ["os_distro"] = "debian", ["hw_disk_bus"] = "scsi" }, versions: ["20240601"]);
        var image = Synced(withBus, withBus.Versions[0]);
        var without = Definition("Debian 12", meta: new Dictionary<string, string> { ["os_distro"] = "debian" }, versions: ["20240601"]);

        var (set, removed) = ImageDiff.PropertyChanges(image, DesiredImage.For(without, without.Versions[0], Tag, image));

        Assert.Contains("hw_disk_bus", removed);
        Assert.DoesNotContain("hw_disk_bus", set.Keys);
    }

    [Theory]
    [InlineData("os_hash_value")]
    [InlineData("os_hash_algo")]
    [InlineData("os_glance_importing_to_stores")]
    [InlineData("stores")]
    [InlineData("owner_specified.openstack.sha256")]
    [InlineData("direct_url")]
    public void ForeignAndReadOnlyPropertiesAreNeverTouched(string key)
    {
        // Even when an earlier (buggy) run recorded it as ours.
        var image = Synced(s_debian, s_debian.Versions[0]).With(key, "x");
        image = image.With(DesiredImage.ManagedKeys, image.Properties[DesiredImage.ManagedKeys] + "," + key);
        var desired = DesiredImage.For(s_debian, s_debian.Versions[0], Tag, image);

        var changes = ImageDiff.Compare(image, desired).SelectMany(i => i.Target.ChangesFrom(image)).ToArray();

        Assert.DoesNotContain(changes, c => c.Name == key);
        Assert.DoesNotContain(desired.Properties.Keys, k => k == key);
    }

    [Fact]
    public void AnOperatorsPropertyAndTagStayWhenWeChangeOurs()
    {
        var image = Synced(s_debian, s_debian.Versions[0]).With("custom", "keep") with { Tags = [Tag, "os:ubuntu", "operator-tag"] };
        var changed = Definition("Debian 12", meta: new Dictionary<string, string> { ["os_distro"] = "debian" }, versions: ["20240601"]);
        var desired = DesiredImage.For(changed, changed.Versions[0], Tag, image);

        var items = ImageDiff.Compare(image, desired).ToArray();

        Assert.DoesNotContain(items.SelectMany(i => i.Target.ChangesFrom(image)), c => c.Name == "custom");
        var tags = Assert.Single(items, i => i.Kind == ImageChangeKind.UpdateTags).Target.Tags;
        Assert.Equal(["managed_by_test", "operator-tag", "os:debian"], tags);
    }

    [Theory]
    [InlineData(1, 3L << 30, 3)]
    [InlineData(1, (3L << 30) + 1, 4)]
    [InlineData(8, 2L << 30, 8)]
    public void MinDiskIsNeverBelowTheImageSizeInGiB(int fromYaml, long size, int expected)
    {
        var definition = Definition("Debian 12", minDisk: fromYaml, versions: ["20240601"]);
        var image = Synced(definition, definition.Versions[0]) with { Size = size, MinDisk = 1 };
        var desired = DesiredImage.For(definition, definition.Versions[0], Tag, image);

        var change = Assert.Single(ImageDiff.Compare(image, desired), i => i.Kind == ImageChangeKind.UpdateMinDisk);

        Assert.Equal(expected, change.Target.MinDisk);
        Assert.Equal(new PropertyChange("min_disk", "1", expected.ToString(System.Globalization.CultureInfo.InvariantCulture)), Assert.Single(change.Target.ChangesFrom(image)));
    }

    [Fact]
    public void VisibilityHiddenAndStatusFollowTheYamlUnlessRotationRetiredTheImage()
    {
        var image = Synced(s_debian, s_debian.Versions[0]) with { Visibility = "private", Status = "deactivated" };
        var desired = DesiredImage.For(s_debian, s_debian.Versions[0], Tag, image);

        var kinds = ImageDiff.Compare(image, desired).Select(i => i.Kind).ToArray();
        var retired = ImageDiff.Compare(image.With(DesiredImage.RetiredKey, "2024-07-01"), desired).Select(i => i.Kind).ToArray();

        Assert.Contains(ImageChangeKind.SetVisibility, kinds);
        Assert.Contains(ImageChangeKind.Reactivate, kinds);
        Assert.DoesNotContain(ImageChangeKind.SetVisibility, retired);
        Assert.DoesNotContain(ImageChangeKind.Reactivate, retired);
    }
}
