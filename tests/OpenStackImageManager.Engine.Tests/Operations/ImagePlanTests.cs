using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Operations;

/// <summary>What Set-GlanceImage sends: plan items from an image and a change request, through the one patch builder.</summary>
public sealed class ImagePlanTests
{
    private static readonly OpenStackSession s_session = new(Guid.NewGuid(), "unit");

    private static readonly GlanceImage s_image = new()
    {
        Id = "i",
        Name = "Ubuntu 24.04",
        Status = "active",
        Visibility = "private",
        Tags = ["a", "b"],
        Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["old"] = "x" },
        MinDisk = 1,
    };

    /// <summary>The patch operations and then the status actions, as the executor sends them.</summary>
    private static string[] Sent(IReadOnlyList<ImageChange> plan) =>
        Engine.Sync.PatchBuilder.Build(plan.Where(i => Engine.Sync.ImageWrites.StepOf(i.Kind) == Engine.Sync.ImageWriteStep.Patch)).Select(o => o.ToString())
            .Concat(plan.Where(i => i.Kind is ImageChangeKind.Deactivate or ImageChangeKind.Reactivate).Select(i => i.Kind.ToString().ToLowerInvariant()))
            .ToArray();

    [Fact]
    public void Properties_are_added_tags_replaced_as_a_whole_and_removals_only_for_present_keys()
    {
        var plan = ImageOperations.Plan(s_session, s_image, new ImageChangeRequest
        {
            Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["hw_rng_model"] = "virtio" },
            RemoveProperties = ["old", "absent"],
            Tags = ["c"],
            RemoveTags = ["a"],
        });

        Assert.Equal(
            ["add /hw_rng_model = \"virtio\"", "remove /old", "replace /tags = [\"b\",\"c\"]"],
            Sent(plan));
    }

    [Fact]
    public void Core_attributes_become_replace_operations_and_the_status_an_action()
    {
        var plan = ImageOperations.Plan(s_session, s_image, new ImageChangeRequest
        {
            Name = "Ubuntu 24.04 (old)",
            Visibility = "Community",
            MinDisk = 8,
            MinRam = 512,
            Protected = true,
            Hidden = true,
            Status = "deactivated",
        });

        Assert.Equal(
            [
                "replace /name = \"Ubuntu 24.04 (old)\"", "replace /visibility = \"community\"", "replace /min_disk = 8",
                "replace /min_ram = 512", "replace /protected = true", "replace /os_hidden = true", "deactivate",
            ],
            Sent(plan));
        Assert.Equal(ImageChangeKind.Deactivate, plan[^1].Kind);
        Assert.All(plan, item => Assert.Equal("Set", item.Planner));
    }

    [Fact]
    public void Nothing_to_do_when_everything_matches() =>
        Assert.True(ImageOperations.Plan(s_session, s_image, new ImageChangeRequest
        {
            Name = s_image.Name,
            Tags = ["a"],
            Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu" },
            Visibility = "Private",
            MinDisk = 1,
            Status = "active",
        }).Count == 0);

    [Fact]
    public void A_core_attribute_in_Property_is_refused()
    {
        var error = Assert.Throws<OpenStackException>(() =>
            ImageOperations.Plan(s_session, s_image, new ImageChangeRequest { Properties = new Dictionary<string, string> { ["min_disk"] = "3" } }));

        Assert.Equal(OpenStackErrorKind.InvalidRequest, error.Kind);
    }

    [Theory]
    [InlineData("os_glance_import_task", false)]
    [InlineData("os_glance_import_task", true)]
    [InlineData("stores", true)]
    [InlineData("owner_specified.openstack.sha256", false)]
    [InlineData("owner_specified.openstack.sha256", true)]
    [InlineData("deleted_at", false)]
    public void A_property_Glance_owns_is_neither_set_nor_removed(string key, bool remove)
    {
        var image = s_image with { Properties = new Dictionary<string, string>(s_image.Properties) { [key] = "x" } };
        var change = remove
            ? new ImageChangeRequest { RemoveProperties = [key] }
            : new ImageChangeRequest { Properties = new Dictionary<string, string> { [key] = "y" } };

        var error = Assert.Throws<OpenStackException>(() => ImageOperations.Plan(s_session, image, change));

        Assert.Equal(OpenStackErrorKind.InvalidRequest, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_pointer_escapes_slash_and_tilde() =>
        Assert.Equal("/a~1b~0c", Engine.Glance.PatchOperation.Pointer("a/b~c"));

    [Fact]
    public void A_protected_image_is_not_deletable()
    {
        var error = Assert.Throws<OpenStackException>(() => ImageOperations.EnsureDeletable(s_image with { Protected = true }));

        Assert.Equal(OpenStackErrorKind.Protected, error.Kind);
        Assert.Contains("Ubuntu 24.04", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_query_carries_every_filter()
    {
        var query = new Engine.Glance.ImageQuery
        {
            Names = ["a b", "c"],
            Tags = ["t1", "t2"],
            Visibility = "shared",
            Owner = "p",
            Status = "active",
            Hidden = true,
            MemberStatus = "all",
            Sort = "name:asc",
            PageSize = 50,
        };

        Assert.Equal(
            "limit=50&name=in%3A%22a%20b%22%2C%22c%22&tag=t1&tag=t2&visibility=shared&owner=p&status=active&os_hidden=true&member_status=all&sort=name%3Aasc",
            query.ToQueryString());
    }
}
