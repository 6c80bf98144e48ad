using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

public class PatchBuilderTests
{
    private static readonly ImageDefinition s_debian = Definition("Debian 12", versions: ["20240601"]);

    [Fact]
    public void EveryChangeOfOneImageGoesIntoOneGroupAndOneDocument()
    {
        var drifted = Synced(s_debian, s_debian.Versions[0], size: 5L << 30).With("image_build_date", "1999-01-01").With("architecture", null)
            with { Tags = ["by-hand"], Visibility = "private", MinRam = 1, MinDisk = 1 };
        var other = Synced(s_debian, SyncSamples.Version("Debian 12", "20240101")) with { Visibility = "private" };
        var plan = Plan([s_debian], [drifted]).Concat(Plan([Definition("Debian 12", versions: ["20240101"])], [other])).ToArray();

        var phases = PlanGroups.Phases(plan);
        var group = Assert.Single(phases[0], g => g.Items.Any(i => i.ImageId == drifted.Id));
        var operations = PatchBuilder.Build(group.Items.Where(i => ImageWrites.StepOf(i.Kind) == ImageWriteStep.Patch));

        Assert.Equal(2, phases[0].Count);
        Assert.Equal(5, group.Items.Count); // properties, tags, min_disk, min_ram, visibility
        Assert.Equal(operations.Count, operations.Select(o => o.Path).Distinct().Count());
        Assert.Contains(operations, o => o is { Op: "add", Path: "/image_build_date" } && o.Value!.GetValue<string>() == "2024-06-03");
        Assert.Contains(operations, o => o is { Op: "add", Path: "/architecture" });
        Assert.Contains(operations, o => o is { Op: "replace", Path: "/min_disk" } && o.Value!.GetValue<int>() == 5);
        Assert.Contains(operations, o => o is { Op: "replace", Path: "/visibility" } && o.Value!.GetValue<string>() == "public");
    }

    [Fact]
    public void TagsAreReplacedAsOneListNeverAppended()
    {
        var image = Synced(s_debian, s_debian.Versions[0]) with { Tags = ["operator"] };
        var items = Plan([s_debian], [image]);

        var operations = PatchBuilder.Build(items);

        var tags = Assert.Single(operations, o => o.Path.StartsWith("/tags", StringComparison.Ordinal));
        Assert.Equal("replace", tags.Op);
        Assert.Equal("/tags", tags.Path);
        Assert.Equal(["managed_by_test", "operator", "os:ubuntu"], tags.Value!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain(operations, o => o.Path == "/tags/-");
    }

    [Fact]
    public void ARemovedPropertyBecomesARemoveAndALaterItemWinsForTheSamePointer()
    {
        var image = Synced(s_debian, s_debian.Versions[0]);
        ImageChange Item(ImageChangeKind kind, ImageTarget target) =>
            ImageChanges.ForImage(kind, Session, image, s_debian, s_debian.Versions[0], target, PlanSettings.Default, "test");

        var operations = PatchBuilder.Build(
        [
            Item(ImageChangeKind.UpdateProperties, new ImageTarget { RemovedProperties = ["hw_disk_bus"], Properties = new Dictionary<string, string> { ["os_version"] = "12" } }),
            Item(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = "public" }),
            Item(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = "community" }), // rotation after sync
            Item(ImageChangeKind.SetHidden, new ImageTarget { Hidden = true }),
        ]);

        Assert.Contains(operations, o => o is { Op: "remove", Path: "/hw_disk_bus", Value: null });
        Assert.Equal("community", Assert.Single(operations, o => o.Path == "/visibility").Value!.GetValue<string>());
        Assert.True(Assert.Single(operations, o => o.Path == "/os_hidden").Value!.GetValue<bool>());
        Assert.Equal(4, operations.Count);
    }

    [Fact]
    public void AKindThatCannotPatchAnAttributeIsRefused()
    {
        var image = Synced(s_debian, s_debian.Versions[0]);
        var wrong = ImageChanges.ForImage(ImageChangeKind.UpdateTags, Session, image, s_debian, null, new ImageTarget { Visibility = "public" }, PlanSettings.Default, "test");

        Assert.Throws<Errors.OpenStackException>(() => PatchBuilder.Build([wrong]));
    }
}
