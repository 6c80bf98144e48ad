using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Rotation.RotationWorld;

namespace OpenStackImageManager.Engine.Tests.Rotation;

/// <summary>What happens to the image beyond the window: which switches, which protections, in which order.</summary>
public sealed class RotationSafetyTests
{
    private const string Plain = "plain";

    /// <summary>
    /// One row per rule: the switches, how the oldest of four images (window 3) or its definition is
    /// special, and the items it gets in plan order.
    /// </summary>
    public static TheoryData<string, string, string[]> Rules => new()
    {
        { "", Plain, ["SetVisibility", "UpdateProperties"] },
        { "Deactivate", Plain, ["Deactivate", "SetVisibility", "UpdateProperties"] },
        { "Delete", Plain, ["Deactivate", "SetVisibility", "UpdateProperties", "Delete"] },
        { "Delete", "deactivated", ["SetVisibility", "UpdateProperties", "Delete"] },
        { "Delete", "community", ["Deactivate", "UpdateProperties", "Delete"] },
        { "Delete", "protected", ["SetVisibility", "UpdateProperties"] },
        { "Deactivate", "protected", ["SetVisibility", "UpdateProperties"] },
        { "Delete", "keep", ["SetVisibility", "UpdateProperties"] },
        { "Delete,Deactivate", "keep", ["Deactivate", "SetVisibility", "UpdateProperties"] },
        { "Delete", "none", ["SetVisibility", "UpdateProperties"] },
        { "Delete,IncludeValidityNone", "none", ["Deactivate", "SetVisibility", "UpdateProperties", "Delete"] },
        { "Delete", "forever", ["SetVisibility", "UpdateProperties"] },
        { "Delete", "notice", ["SetVisibility", "UpdateProperties"] },
        { "Delete", "date-future", ["SetVisibility", "UpdateProperties"] },
        { "Delete", "date-today", ["SetVisibility", "UpdateProperties"] },
        { "Delete", "date-past", ["Deactivate", "SetVisibility", "UpdateProperties", "Delete"] },
        { "Delete", "errors", ["SetVisibility", "UpdateProperties"] },
        { "Deactivate", "errors", ["SetVisibility", "UpdateProperties"] },
        { "Delete,UseOsHidden", Plain, ["Deactivate", "SetHidden", "UpdateProperties", "Delete"] },
        { "Delete", "retired", ["Deactivate", "SetVisibility", "UpdateProperties", "Delete"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_oldest_image_gets_exactly_these_items(string switches, string special, string[] expected)
    {
        var options = new ImageRotationOptions
        {
            Deactivate = switches.Contains("Deactivate", StringComparison.Ordinal),
            Delete = switches.Contains("Delete", StringComparison.Ordinal),
            IncludeValidityNone = switches.Contains("IncludeValidityNone", StringComparison.Ordinal),
            UseOsHidden = switches.Contains("UseOsHidden", StringComparison.Ordinal),
        };
        var validity = special switch
        {
            "none" or "forever" or "notice" => special,
            "date-future" => "2026-12-01",
            "date-today" => "2026-11-25",
            "date-past" => "2026-11-24",
            _ => null,
        };
        var world = new RotationWorld();
        var listed = special == "retired" ? new[] { "2", "3", "4" } : ["1", "2", "3", "4"];
        var definition = Definition("Ubuntu", multi: true, listed, validity, keep: special == "keep");
        var oldest = world.Add(definition, "1", name: "Ubuntu (1)", adjust: i => special switch
        {
            "deactivated" => i with { Status = "deactivated" },
            "community" => i with { Visibility = "community" },
            "protected" => i with { Protected = true },
            _ => i,
        });
        foreach (var version in new[] { "2", "3", "4" })
        {
            world.Add(definition, version);
        }

        var plan = world.Plan([definition], options, hadErrors: special == "errors");

        Assert.Equal(expected, Kinds(plan, oldest.Id));
        Assert.All(plan.Items.Where(i => i.ImageId != oldest.Id), i => Assert.Fail($"only the oldest changes: {i.Description}"));
    }

    [Fact]
    public void A_protected_image_is_kept_with_a_warning()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        var oldest = world.Add(definition, "1", adjust: i => i with { Protected = true });
        world.Add(definition, "2");
        world.Add(definition, "3");
        world.Add(definition, "4");

        var plan = world.Plan([definition], new ImageRotationOptions { Delete = true });

        var notice = Assert.Single(plan.Notices);
        Assert.Equal(RotationNoticeLevel.Warning, notice.Level);
        Assert.Equal(oldest.Id, notice.Image.Id);
        Assert.Contains("protected", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_an_earlier_error_nothing_is_deactivated_or_deleted_and_the_user_is_told()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4", "5"], validity: null);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        var plan = world.Plan([definition], new ImageRotationOptions { Delete = true, Deactivate = true }, hadErrors: true);

        Assert.DoesNotContain(plan.Items, i => i.Kind is ImageChangeKind.Delete or ImageChangeKind.Deactivate);
        Assert.Equal(2, plan.Notices.Count(n => n.Level == RotationNoticeLevel.Warning && n.Message.Contains("failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void Multi_false_versions_the_yaml_lists_are_never_rotated_and_dropped_ones_are()
    {
        var world = new RotationWorld();
        var listed = Definition("Debian", multi: false, ["9", "10", "11", "12", "13"], validity: "last-3");
        foreach (var version in listed.Versions)
        {
            world.Add(listed, version.Version);
        }

        Assert.Empty(world.Plan([listed], new ImageRotationOptions { Delete = true }).Items);

        var dropped = Definition("Debian", multi: false, ["13"], validity: "last-3");
        var plan = world.Plan([dropped], new ImageRotationOptions { Delete = true });

        // 13 (listed) and the two newest dropped ones (12, 11) fill the window of 3; 10 and 9 go.
        Assert.Equal(["Debian 10", "Debian 9"], plan.Items.Where(i => i.Kind == ImageChangeKind.Delete).Select(i => i.ImageName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(plan.Items, i => i.Kind == ImageChangeKind.Rename);
    }

    [Fact]
    public void KeepUndefinedVersions_leaves_versions_a_multi_false_definition_dropped_alone()
    {
        var world = new RotationWorld();
        var listed = Definition("Debian", multi: false, ["9", "10", "11", "12", "13"], validity: "last-1");
        foreach (var version in listed.Versions)
        {
            world.Add(listed, version.Version);
        }

        var plan = world.Plan([Definition("Debian", multi: false, ["13"], validity: "last-1")], new ImageRotationOptions { Delete = true, KeepUndefinedVersions = true });

        Assert.Empty(plan.Items);
        Assert.Equal(4, plan.Notices.Count);
    }

    [Fact]
    public void Orphans_are_reported_and_rotated_out_only_with_IncludeOrphaned()
    {
        var world = new RotationWorld();
        var gone = Definition("Gone", multi: true, ["1"], validity: null);
        var orphan = world.Add(gone, "1");
        var locked = world.Add(gone, "0", name: "Gone (0)", adjust: i => i with { Protected = true });
        var kept = Definition("Ubuntu", multi: true, ["1"], validity: null);
        world.Add(kept, "1");

        var reported = world.Plan([kept], new ImageRotationOptions { Delete = true });
        Assert.Empty(reported.Items);
        Assert.Equal(2, reported.Notices.Count(n => n.Level == RotationNoticeLevel.Warning && n.Message.Contains("-IncludeOrphaned", StringComparison.Ordinal)));

        var removed = world.Plan([kept], new ImageRotationOptions { Delete = true, IncludeOrphaned = true });
        Assert.Equal(["Deactivate", "SetVisibility", "UpdateProperties", "Delete"], Kinds(removed, orphan.Id));
        Assert.Equal(["SetVisibility", "UpdateProperties"], Kinds(removed, locked.Id));
        Assert.All(removed.Items, i => Assert.Null(i.DefinitionName));
    }

    [Fact]
    public void Decisions_come_from_the_yaml_not_from_properties_an_older_run_wrote()
    {
        // The image says last-9 and keep (an older run wrote them); the YAML says last-1: the YAML counts.
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2"], validity: "last-1");
        var oldest = world.Add(definition, "1", adjust: i => i with
        {
            Properties = new Dictionary<string, string>(i.Properties) { ["uuid_validity"] = "last-9", ["keep"] = "true" },
        });
        world.Add(definition, "2");

        Assert.Equal(["Deactivate", "SetVisibility", "UpdateProperties", "Delete"], Kinds(world.Plan([definition], new ImageRotationOptions { Delete = true }), oldest.Id));
    }

    [Fact]
    public async Task With_a_sync_in_the_same_run_planned_creates_count_and_planned_renames_are_not_repeated()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["1", "2", "3", "4"], validity: null);
        var images = new[] { "1", "2" }.Select(v => world.Add(definition, v)).Append(world.Add(definition, "3", name: "Ubuntu")).ToArray();
        var sync = await new SyncPlanner().PlanAsync(
            new PlanContext
            {
                Session = Session,
                Definitions = [definition],
                Inventory = new ImageInventory(world.Images, [definition]),
                Options = new PlanOptions(),
                Capabilities = _ => Task.FromResult(new ImportCapabilities(["web-download"], "sha512")),
                Latest = (_, _) => throw new InvalidOperationException(),
            },
            CancellationToken.None);
        Assert.Contains(sync, i => i.Kind == ImageChangeKind.Create && i.Version == "4");
        Assert.Contains(sync, i => i.Kind == ImageChangeKind.Rename && i.ImageId == images[2].Id);

        var plan = world.Plan([definition], planned: sync);

        Assert.DoesNotContain(plan.Items, i => i.Kind == ImageChangeKind.Rename);
        Assert.Equal(["SetVisibility", "UpdateProperties"], Kinds(plan, images[0].Id));
        Assert.Empty(Kinds(plan, images[1].Id));
    }
}
