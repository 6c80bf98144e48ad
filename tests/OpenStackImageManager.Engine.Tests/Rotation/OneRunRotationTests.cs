using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using OpenStackImageManager.TestSupport;
using static OpenStackImageManager.Engine.Tests.Rotation.RotationWorld;

namespace OpenStackImageManager.Engine.Tests.Rotation;

/// <summary>
/// Sync and rotation planned in one run, as Sync-GlanceImage -Rotation and the command line do: which missing
/// versions are imported (only those inside the keep window), what waits for the new build (the bare name, the
/// image it pushes out of the window), and that the run after finds nothing to do.
/// </summary>
public sealed class OneRunRotationTests
{
    /// <summary>
    /// Versions the YAML lists, the versions already in the cloud, the window (-Keep, else the YAML's last-N),
    /// and which versions the run imports.
    /// </summary>
    public static TheoryData<string, string, string?, int?, string> Windows => new()
    {
        { "v1 v2 v3 v4", "", null, null, "v2 v3 v4" },
        { "v1 v2 v3 v4", "v2 v3 v4", null, null, "" },                 // v1 was deleted beyond the window: never again
        { "v1 v2 v3 v4", "v1 v2 v3", null, null, "v4" },
        { "v1 v2 v3 v4 v5", "v1", null, null, "v3 v4 v5" },
        { "v1 v2 v3 v4", "v1 v2 v4", null, null, "v3" },               // a gap inside the window is filled
        { "v1 v2 v3 v4", "", "last-1", null, "v4" },
        { "v1 v2 v3 v4", "", "last-1", 2, "v3 v4" },                    // -Keep wins over the YAML
        { "v1 v2 v3", "v9", null, null, "v2 v3" },                      // v9 (no longer listed) still holds a place
        { "v1 v2 v3 v4", "v1 v2 v3 v4", null, null, "" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Only_versions_inside_the_keep_window_are_imported(string listed, string inCloud, string? validity, int? keep, string imported)
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, listed.Split(' '), validity);
        foreach (var version in inCloud.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            world.Add(definition, version, name: $"Ubuntu ({version})");
        }

        var log = new CollectingLog();
        var sync = await SyncPlanAsync(world, definition, keep, log);

        Assert.Equal(imported, string.Join(' ', sync.Where(i => i.Kind == ImageChangeKind.Create).Select(i => i.Version)));
        var skipped = listed.Split(' ').Except(inCloud.Split(' ')).Except(imported.Split(' ')).ToArray();
        Assert.Equal(skipped.Length, log.Messages.Count(m => m.Contains("not imported: beyond the keep window of", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Multi_false_imports_every_version_it_lists()
    {
        var world = new RotationWorld();
        var definition = Definition("Debian", multi: false, ["9", "10", "11", "12"], "last-1");

        var sync = await SyncPlanAsync(world, definition, keep: null, new CollectingLog());

        Assert.Equal(4, sync.Count(i => i.Kind == ImageChangeKind.Create));
    }

    [Fact]
    public async Task Four_new_versions_are_windowed_in_the_run_that_creates_them_and_the_next_run_plans_nothing()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["v1", "v2", "v3", "v4"], validity: null);

        var sync = await SyncPlanAsync(world, definition, keep: null, new CollectingLog());
        var rotation = world.Plan([definition], planned: sync);
        Assert.Empty(rotation.Items);
        foreach (var create in sync.Where(i => i.Kind == ImageChangeKind.Create))
        {
            world.Add(definition, create.Version!, name: create.Target.Name);
        }

        Assert.Equal(["Ubuntu (v2)|public|shown|active", "Ubuntu (v3)|public|shown|active", "Ubuntu|public|shown|active"], world.State());
        Assert.DoesNotContain(await SyncPlanAsync(world, definition, keep: null, new CollectingLog()), i => i.Kind is ImageChangeKind.Create or ImageChangeKind.Rename);
        Assert.Empty(world.Plan([definition]).Items);
    }

    [Fact]
    public async Task The_former_newest_gives_up_the_bare_name_and_the_image_pushed_out_retires_only_after_the_create()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["v1", "v2", "v3", "v4"], validity: null);
        var v1 = world.Add(definition, "v1", name: "Ubuntu (v1)");
        world.Add(definition, "v2", name: "Ubuntu (v2)");
        var v3 = world.Add(definition, "v3", name: "Ubuntu");

        var sync = await SyncPlanAsync(world, definition, keep: null, new CollectingLog());
        var rotation = world.Plan([definition], planned: sync).Items;

        var create = Assert.Single(sync, i => i.Kind == ImageChangeKind.Create);
        var handOff = Assert.Single(sync.Concat(rotation), i => i.Kind == ImageChangeKind.Rename);
        Assert.Equal((v3.Id, "Ubuntu (v3)"), (handOff.ImageId, handOff.Target.Name));
        Assert.Same(create, Assert.Single(handOff.After));
        Assert.EndsWith("(only once the new image 'Ubuntu' of version v4 is imported)", handOff.Description, StringComparison.Ordinal);
        Assert.Equal(["SetVisibility", "UpdateProperties"], rotation.Where(i => i.ImageId == v1.Id).Select(i => i.Kind.ToString()));
        Assert.All(rotation.Where(i => i.ImageId == v1.Id), i => Assert.Same(create, Assert.Single(i.After)));
    }

    [Fact]
    public void An_image_beyond_the_window_without_a_new_build_retires_at_once()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["v1", "v2", "v3", "v4"], validity: null);
        foreach (var version in definition.Versions)
        {
            world.Add(definition, version.Version);
        }

        Assert.All(world.Plan([definition], new ImageRotationOptions { Delete = true, IncludeValidityNone = true }).Items, i => Assert.Empty(i.After));
    }

    [Fact]
    public async Task Without_a_working_image_called_Name_the_newest_active_one_holds_it_until_the_new_build_is_in()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["v1", "v2", "v3", "v4"], validity: null);
        world.Add(definition, "v2", name: "Ubuntu (v2)");
        var v3 = world.Add(definition, "v3", name: "Ubuntu (v3)");

        var sync = await SyncPlanAsync(world, definition, keep: null, new CollectingLog());
        var renames = world.Plan([definition], planned: sync).Items.Where(i => i.Kind == ImageChangeKind.Rename).ToArray();

        var create = Assert.Single(sync, i => i.Kind == ImageChangeKind.Create && i.Version == "v4");
        Assert.Equal(2, renames.Length);
        Assert.Equal((v3.Id, "Ubuntu"), (renames[0].ImageId, renames[0].Target.Name));
        Assert.Empty(renames[0].After);
        Assert.Equal((v3.Id, "Ubuntu (v3)"), (renames[1].ImageId, renames[1].Target.Name));
        Assert.Same(create, Assert.Single(renames[1].After));
        Assert.Equal("Rename image 'Ubuntu' (id-002-v3) in test to 'Ubuntu (v3)' (newest 2 of Ubuntu) (only once the new image 'Ubuntu' of version v4 is imported)", renames[1].Description);
    }

    [Fact]
    public void Without_a_new_build_the_newest_image_gets_the_bare_name_back_at_once()
    {
        var world = new RotationWorld();
        var definition = Definition("Ubuntu", multi: true, ["v1", "v2", "v3"], validity: null);
        world.Add(definition, "v1", name: "Ubuntu (v1)");
        world.Add(definition, "v2", name: "Ubuntu (v2)");
        var v3 = world.Add(definition, "v3", name: "renamed by hand");

        var rename = Assert.Single(world.Plan([definition]).Items);

        Assert.Equal((ImageChangeKind.Rename, v3.Id, "Ubuntu"), (rename.Kind, rename.ImageId, rename.Target.Name));
        Assert.Empty(rename.After);
    }

    /// <summary>The sync planner of the run over the world's images (creates name web-download; nothing is fetched).</summary>
    internal static async Task<IReadOnlyList<ImageChange>> SyncPlanAsync(RotationWorld world, ImageDefinition definition, int? keep, CollectingLog log) =>
        await new SyncPlanner().PlanAsync(
            new PlanContext
            {
                Session = Session,
                Definitions = [definition],
                Inventory = new ImageInventory(world.Images, [definition]),
                Options = new PlanOptions { Keep = keep },
                Capabilities = _ => Task.FromResult(new ImportCapabilities(["web-download", "glance-direct"], "sha512")),
                Latest = (_, _) => throw new InvalidOperationException("no latest versions here"),
                Log = log,
            },
            CancellationToken.None);
}
