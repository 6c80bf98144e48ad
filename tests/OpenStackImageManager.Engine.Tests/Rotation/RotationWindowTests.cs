using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Rotation.RotationWorld;

namespace OpenStackImageManager.Engine.Tests.Rotation;

/// <summary>Names and the keep window: versions arriving, leaving, reordered, another N, community vs os_hidden.</summary>
public sealed class RotationWindowTests
{
    private static readonly string[] s_versions = ["v1", "v2", "v3", "v4", "v5"];

    /// <summary>State after version k arrived and rotation ran (default window 3), oldest image first.</summary>
    public static TheoryData<int, string[]> VersionsArriving => new()
    {
        { 1, ["Ubuntu 24.04|public|shown|active"] },
        { 2, ["Ubuntu 24.04 (v1)|public|shown|active", "Ubuntu 24.04|public|shown|active"] },
        { 3, ["Ubuntu 24.04 (v1)|public|shown|active", "Ubuntu 24.04 (v2)|public|shown|active", "Ubuntu 24.04|public|shown|active"] },
        {
            4,
            [
                "Ubuntu 24.04 (v1)|community|shown|active", "Ubuntu 24.04 (v2)|public|shown|active", "Ubuntu 24.04 (v3)|public|shown|active",
                "Ubuntu 24.04|public|shown|active",
            ]
        },
        {
            5,
            [
                "Ubuntu 24.04 (v1)|community|shown|active", "Ubuntu 24.04 (v2)|community|shown|active", "Ubuntu 24.04 (v3)|public|shown|active",
                "Ubuntu 24.04 (v4)|public|shown|active", "Ubuntu 24.04|public|shown|active",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(VersionsArriving))]
    public void Versions_added_one_at_a_time_rename_the_previous_newest_and_fade_out_beyond_the_window(int count, string[] expected)
    {
        var world = new RotationWorld();
        var ids = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var definition = Definition("Ubuntu 24.04", multi: true, s_versions[..k], validity: null);
            // The new image is created under the bare name while the previous one still has it.
            ids.Add(world.Add(definition, s_versions[k - 1], name: "Ubuntu 24.04").Id);
            world.Rotate([definition]);
        }

        Assert.Equal(expected, world.State());
        // Ids stay with their versions: the image of v1 is still the first one created.
        Assert.Equal(ids, world.Images.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id));
        Assert.All(world.Images, i => Assert.Equal(s_versions[ids.IndexOf(i.Id)], i.Properties[DesiredImage.InternalVersion]));
        // A second run finds nothing to do.
        Assert.Empty(world.Plan([Definition("Ubuntu 24.04", multi: true, s_versions[..count], validity: null)]).Items);
    }

    [Theory]
    [InlineData(null, "last-3", 2)]
    [InlineData(null, "last-4", 1)]
    [InlineData(null, "last-1", 4)]
    [InlineData(null, "last-2", 3)]
    [InlineData(null, null, 2)]
    [InlineData(null, "forever", 2)]
    [InlineData(2, "last-4", 3)]
    [InlineData(5, "last-1", 0)]
    [InlineData(1, null, 4)]
    public void The_window_is_Keep_else_last_N_else_three(int? keep, string? validity, int faded)
    {
        var world = new RotationWorld();
        var definition = Definition("Debian", multi: true, ["1", "2", "3", "4", "5"], validity);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        world.Rotate([definition], new ImageRotationOptions { Keep = keep });

        Assert.Equal(faded, world.Images.Count(i => i.Visibility == "community"));
        Assert.Equal("public", world.Images.Single(i => i.Name == "Debian").Visibility);
        Assert.All(world.Images.Where(i => i.Visibility == "community"), i => Assert.Equal("true", i.Properties[DesiredImage.RetiredKey]));
    }

    [Fact]
    public void A_larger_window_brings_faded_images_back_as_the_definition_says()
    {
        var world = new RotationWorld();
        var definition = Definition("Debian", multi: true, ["1", "2", "3", "4"], validity: null);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        world.Rotate([definition], new ImageRotationOptions { Keep = 2, Deactivate = true });
        Assert.Equal(["Debian (1)|community|shown|deactivated", "Debian (2)|community|shown|deactivated", "Debian (3)|public|shown|active", "Debian|public|shown|active"], world.State());

        world.Rotate([definition], new ImageRotationOptions { Keep = 4 });

        Assert.Equal(["Debian (1)|public|shown|active", "Debian (2)|public|shown|active", "Debian (3)|public|shown|active", "Debian|public|shown|active"], world.State());
        Assert.All(world.Images, i => Assert.False(i.Properties.ContainsKey(DesiredImage.RetiredKey)));
    }

    [Fact]
    public void With_UseOsHidden_older_images_are_hidden_and_keep_their_visibility_and_the_newest_is_never_hidden()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        foreach (var version in definition.Versions)
        {
            // The Python tool's --use-os-hidden hid every image it touched, the newest included.
            world.Add(definition, version.Version, adjust: i => i with { Hidden = true });
        }

        var plan = world.Rotate([definition], new ImageRotationOptions { UseOsHidden = true });

        Assert.Equal(["Ubuntu (1)|public|hidden|active", "Ubuntu (2)|public|shown|active", "Ubuntu (3)|public|shown|active", "Ubuntu|public|shown|active"], world.State());
        Assert.DoesNotContain(plan.Items, i => i.Kind == ImageChangeKind.SetVisibility);
    }

    [Fact]
    public void Without_UseOsHidden_older_images_become_community_and_os_hidden_is_left_alone()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        var plan = world.Rotate([definition]);

        Assert.Equal(["Ubuntu (1)|community|shown|active", "Ubuntu (2)|public|shown|active", "Ubuntu (3)|public|shown|active", "Ubuntu|public|shown|active"], world.State());
        Assert.DoesNotContain(plan.Items, i => i.Kind == ImageChangeKind.SetHidden);
    }

    [Fact]
    public void A_version_removed_from_the_yaml_keeps_its_name_and_id_and_counts_in_the_window()
    {
        var world = new RotationWorld();
        var all = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        var ids = all.Versions.Select(v => world.Add(all, v.Version).Id).ToArray();

        var withoutTwo = Definition("Ubuntu", multi: true, ["1", "3", "4"], validity: null);
        world.Rotate([withoutTwo]);

        Assert.Equal(["Ubuntu (1)|community|shown|active", "Ubuntu (2)|public|shown|active", "Ubuntu (3)|public|shown|active", "Ubuntu|public|shown|active"], world.State());
        Assert.Equal("Ubuntu (2)", world.Get(ids[1]).Name);
    }

    [Fact]
    public void A_replaced_single_version_steps_aside_under_its_version_when_the_new_one_takes_the_name()
    {
        // The OSISM catalog replaces the one version of a definition in place.
        var world = new RotationWorld();
        var before = Definition("Ubuntu", multi: true, ["20240101"], validity: null);
        var old = world.Add(before, "20240101");
        var after = Definition("Ubuntu", multi: true, ["20240201"], validity: null);
        var created = world.Add(after, "20240201");

        var plan = world.Rotate([after]);

        Assert.Equal("Ubuntu (20240101)", world.Get(old.Id).Name);
        Assert.Equal("Ubuntu", world.Get(created.Id).Name);
        Assert.Equal(["Rename"], Kinds(plan, old.Id));
    }

    [Fact]
    public void A_retired_image_without_internal_version_gets_its_version_from_its_name_and_nothing_crashes()
    {
        // In the Python tool an image an interrupted run left without properties crashed the cleanup.
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["3", "4", "5"], validity: null);
        var bare = world.Add(definition, "1", name: "Ubuntu (1)", adjust: i => i with { Properties = new Dictionary<string, string> { [DesiredImage.ImageName] = "Ubuntu" } });
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        world.Rotate([definition]);

        Assert.Equal("Ubuntu (1)|community|shown|active", world.State()[0]);
        Assert.Equal("Ubuntu (1)", world.Get(bare.Id).Name);
    }

    [Fact]
    public void The_order_of_files_and_definitions_does_not_change_the_plan()
    {
        var world = new RotationWorld();
        var ubuntu = Definition("Ubuntu", multi: true, ["4", "1", "3", "2"], validity: null);
        var debian = Definition("Debian", multi: true, ["12", "11", "10", "9"], separator: "-", validity: null);
        foreach (var definition in new[] { ubuntu, debian })
        {
            foreach (var version in definition.Versions.Reverse())
            {
                world.Add(definition, version.Version, name: definition.Name);
            }
        }

        var forward = world.Plan([ubuntu, debian]).Items.Select(Key).Order(StringComparer.Ordinal);
        var backward = world.Plan([debian, ubuntu]).Items.Select(Key).Order(StringComparer.Ordinal);

        Assert.Equal(forward, backward);
        world.Rotate([debian, ubuntu]);
        Assert.Contains("Debian-(9)|community|shown|active", world.State());
        Assert.Contains("Debian|public|shown|active", world.State());
        Assert.Contains("Ubuntu (1)|community|shown|active", world.State());

        static string Key(ImageChange c) => $"{c.ImageId} {c.Kind} {string.Join(";", c.Changes)}";
    }

    [Fact]
    public void Every_item_names_the_planner_the_definition_and_a_readable_reason()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        var item = world.Plan([definition]).Items.First(i => i.Kind == ImageChangeKind.SetVisibility);

        Assert.Equal("Rotation", item.Planner);
        Assert.Equal("Ubuntu", item.DefinitionName);
        Assert.Equal("1", item.Version);
        Assert.Equal("Set visibility of image 'Ubuntu (1)' (id-001-1) in test: visibility: 'public' -> 'community' (Ubuntu: #4, keeping the newest 3)", item.Description);
    }
}
