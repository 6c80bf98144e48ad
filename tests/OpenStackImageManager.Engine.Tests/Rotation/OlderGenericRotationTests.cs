using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Rotation.RotationWorld;

namespace OpenStackImageManager.Engine.Tests.Rotation;

/// <summary>Rotation with OlderGeneric: after every rotation at most one public, visible generic image per distro version.</summary>
public sealed class OlderGenericRotationTests
{
    private static readonly string[] s_versions = ["20260301", "20260401", "20260501"];

    private static readonly Dictionary<string, string> s_generic = new()
    {
        ["os_distro"] = "ubuntu", ["os_version"] = "24.04", ["os_purpose"] = "generic",
    };

    private static ImageDefinition Ubuntu(int count) =>
        Definition("Ubuntu 24.04", multi: true, s_versions[..count], meta: s_generic);

    private static RotationWorld Arrive(OlderGenericImages olderGeneric)
    {
        var world = new RotationWorld();
        for (var k = 1; k <= s_versions.Length; k++)
        {
            var built = $"{s_versions[k - 1][..4]}-{s_versions[k - 1][4..6]}-{s_versions[k - 1][6..]}";
            world.Add(Ubuntu(k), s_versions[k - 1], name: "Ubuntu 24.04", adjust: i => i with
            {
                Properties = new Dictionary<string, string>(i.Properties) { ["image_build_date"] = built, ["os_distro"] = "ubuntu", ["os_version"] = "24.04", ["os_purpose"] = "generic" },
            });
            world.Rotate([Ubuntu(k)], new ImageRotationOptions { OlderGeneric = olderGeneric });
            var unique = new ScsImageMetadata().Judge(world.Images, new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero))
                .Where(r => r.Check == "scs-0102-os_purpose-uniqueness");
            Assert.Empty(unique);
        }

        return world;
    }

    [Fact]
    public async Task The_newest_generic_image_steps_aside_for_a_new_build_only_once_that_is_imported()
    {
        var world = new RotationWorld();
        var current = world.Add(Ubuntu(2), s_versions[1], name: "Ubuntu 24.04", adjust: i => i with
        {
            Properties = new Dictionary<string, string>(i.Properties) { ["image_build_date"] = "2026-04-01", ["os_distro"] = "ubuntu", ["os_version"] = "24.04", ["os_purpose"] = "generic" },
        });
        var sync = await OneRunRotationTests.SyncPlanAsync(world, Ubuntu(3), keep: null, new TestSupport.CollectingLog());
        var create = Assert.Single(sync, i => i.Kind == ImageChangeKind.Create && i.Version == s_versions[2]);

        var plan = world.Plan([Ubuntu(3)], new ImageRotationOptions { OlderGeneric = OlderGenericImages.OldGeneric }, planned: sync);

        var steps = plan.Items.Where(i => i.ImageId == current.Id).ToArray();
        Assert.Equal(["Rename", "UpdateProperties"], steps.Select(i => i.Kind.ToString()));
        Assert.Equal("Ubuntu 24.04 20260401", steps[0].Target.Name);
        Assert.All(steps, i => Assert.Same(create, Assert.Single(i.After)));
    }

    [Fact]
    public void OldGeneric_renames_older_images_with_their_build_date_and_marks_them_oldgeneric()
    {
        var world = Arrive(OlderGenericImages.OldGeneric);

        Assert.Equal(
            ["Ubuntu 24.04 20260301|public|shown|active", "Ubuntu 24.04 20260401|public|shown|active", "Ubuntu 24.04|public|shown|active"],
            world.State());
        Assert.Equal(["oldgeneric", "oldgeneric", "generic"], world.Images.Select(i => i.Properties["os_purpose"]));
        Assert.Empty(world.Plan([Ubuntu(3)], new ImageRotationOptions { OlderGeneric = OlderGenericImages.OldGeneric }).Items);
    }

    [Fact]
    public void Hide_hides_older_generic_images_inside_the_window_too()
    {
        var world = Arrive(OlderGenericImages.Hide);

        Assert.Equal(
            ["Ubuntu 24.04 (20260301)|public|hidden|active", "Ubuntu 24.04 (20260401)|public|hidden|active", "Ubuntu 24.04|public|shown|active"],
            world.State());
        Assert.Empty(world.Plan([Ubuntu(3)], new ImageRotationOptions { OlderGeneric = OlderGenericImages.Hide }).Items);
    }

    [Fact]
    public void An_oldgeneric_image_that_becomes_the_newest_again_gets_its_name_and_purpose_back()
    {
        var world = Arrive(OlderGenericImages.OldGeneric);
        var newest = world.Images[^1];
        world.Apply([ImageChanges.ForImage(ImageChangeKind.Delete, Session, newest, null, null, ImageTarget.None, PlanSettings.Default, "test")]);

        world.Rotate([Ubuntu(2)], new ImageRotationOptions { OlderGeneric = OlderGenericImages.OldGeneric });

        var restored = world.Images[^1];
        Assert.Equal(("Ubuntu 24.04", "generic", false), (restored.Name, restored.Properties["os_purpose"], restored.Properties.ContainsKey(DesiredImage.OldGenericKey)));
    }

    [Fact]
    public void Sync_leaves_name_and_purpose_of_an_image_rotation_made_oldgeneric()
    {
        var world = Arrive(OlderGenericImages.OldGeneric);
        var definition = Ubuntu(3);
        var older = world.Images[1];

        var desired = DesiredImage.For(definition, definition.Versions[1], Tag, older);
        var kinds = ImageDiff.Compare(older, desired).ToArray();

        Assert.DoesNotContain(kinds, k => k.Kind == ImageChangeKind.Rename);
        Assert.DoesNotContain(kinds, k => k.Target.Properties.ContainsKey("os_purpose") || k.Target.RemovedProperties.Contains("os_purpose"));
    }
}
