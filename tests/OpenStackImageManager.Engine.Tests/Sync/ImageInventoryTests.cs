using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

public class ImageInventoryTests
{
    private static readonly ImageDefinition s_ubuntu = Definition("Ubuntu 24.04", versions: ["20240601", "20240701"]);
    private static readonly ImageDefinition s_debian = Definition("Debian 12", versions: ["20240601"]);

    [Fact]
    public void AnImageIsFoundByImageNameAndInternalVersionWhateverItsGlanceName()
    {
        var image = Synced(s_ubuntu, s_ubuntu.Versions[0]) with { Name = "renamed by hand" };

        var inventory = new ImageInventory([image], [s_ubuntu]);

        Assert.Same(image, Assert.Single(inventory.ForVersion(s_ubuntu, s_ubuntu.Versions[0])));
        Assert.Empty(inventory.ForVersion(s_ubuntu, s_ubuntu.Versions[1]));
        Assert.Equal(MatchEvidence.Properties, inventory.MatchOf(image)!.Evidence);
    }

    [Fact]
    public void ImageDescriptionIdentifiesTheDefinitionWhenImageNameIsMissing()
    {
        var image = Synced(s_ubuntu, s_ubuntu.Versions[1]).With("image_name", null);

        var inventory = new ImageInventory([image], [s_debian, s_ubuntu]);

        Assert.Same(image, Assert.Single(inventory.ForVersion(s_ubuntu, s_ubuntu.Versions[1])));
    }

    [Fact]
    public void AMetaImageDescriptionOtherThanTheNameStillLinksTheImage()
    {
        var described = Definition("Rocky 9", meta: new Dictionary<string, string> { ["image_description"] = "Rocky Linux 9", ["os_distro"] = "rocky" }, versions: ["9.4"]);
        var image = Image("Rocky 9 9.4", new Dictionary<string, string> { ["image_description"] = "Rocky Linux 9", ["internal_version"] = "9.4" });

        var inventory = new ImageInventory([image], [described]);

        Assert.Single(inventory.ForVersion(described, described.Versions[0]));
    }

    [Fact]
    public void AnImageWithoutPropertiesIsMatchedByItsGlanceName()
    {
        var image = Image("Debian 12 20240601");

        var inventory = new ImageInventory([image], [s_ubuntu, s_debian]);

        Assert.Single(inventory.ForVersion(s_debian, s_debian.Versions[0]));
        Assert.Equal(MatchEvidence.Name, inventory.MatchOf(image)!.Evidence);
    }

    [Fact]
    public void AnImageOfThePythonToolIsAdoptedWithoutAnImport()
    {
        // What openstack-image-manager leaves: its properties, no bookkeeping of ours, os_* and stores of Glance.
        var image = Image("Ubuntu 24.04 20240601", new Dictionary<string, string>
        {
            ["image_description"] = "Ubuntu 24.04",
            ["image_name"] = "Ubuntu 24.04",
            ["internal_version"] = "20240601",
            ["image_source"] = "https://example.com/Ubuntu 24.04/20240601.qcow2",
            ["os_hash_algo"] = "sha512",
            ["stores"] = "file",
        });

        var plan = Plan([Definition("Ubuntu 24.04", versions: ["20240601"])], [image]);

        Assert.DoesNotContain(plan, c => c.Kind == ImageChangeKind.Create);
        Assert.All(plan, c => Assert.Equal(image.Id, c.ImageId));
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.UpdateProperties);
    }

    [Fact]
    public void OfDuplicatesOfAVersionTheNewestIsKeptAndTheOtherRetiredOutOfTheWayNeverDeleted()
    {
        var kept = Synced(s_debian, s_debian.Versions[0]) with { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        var duplicate = Synced(s_debian, s_debian.Versions[0]) with { CreatedAt = DateTimeOffset.UnixEpoch };

        var inventory = new ImageInventory([duplicate, kept], [s_debian]);
        var plan = Plan([s_debian], [duplicate, kept]);

        Assert.Equal(2, Assert.Single(inventory.DuplicateNames).Count);
        Assert.All(plan, c => Assert.Equal(duplicate.Id, c.ImageId));
        Assert.DoesNotContain(plan, c => c.Kind is ImageChangeKind.Delete or ImageChangeKind.Deactivate);
        Assert.Equal($"{kept.Name} (duplicate {duplicate.Id[..8]})", Assert.Single(plan, c => c.Kind == ImageChangeKind.Rename).Target.Name);
        Assert.True(Assert.Single(plan, c => c.Kind == ImageChangeKind.SetHidden).Target.Hidden);
        var marks = Assert.Single(plan, c => c.Kind == ImageChangeKind.UpdateProperties).Target.Properties;
        Assert.Equal(kept.Id, marks[DuplicateHealing.DuplicateOfKey]);
        Assert.Equal("true", marks[DesiredImage.RetiredKey]);

        // Applied, the pair plans nothing more: the retired one keeps its place behind the kept one.
        var retired = duplicate with
        {
            Name = $"{kept.Name} (duplicate {duplicate.Id[..8]})",
            Hidden = true,
            Visibility = "community",
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(2),
            Properties = new Dictionary<string, string>(duplicate.Properties) { [DuplicateHealing.DuplicateOfKey] = kept.Id, [DesiredImage.RetiredKey] = "true" },
        };
        Assert.Empty(Plan([s_debian], [retired, kept]));
    }

    [Fact]
    public void WithTheRotationDeleteSwitchesARetiredDuplicateIsDeactivatedAndDeletedButNeverAProtectedOne()
    {
        var kept = Synced(s_debian, s_debian.Versions[0]) with { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        var duplicate = Synced(s_debian, s_debian.Versions[0]) with { CreatedAt = DateTimeOffset.UnixEpoch };
        var guarded = duplicate with { Id = Guid.NewGuid().ToString(), Protected = true };

        var plan = PlanDeletingDuplicates([duplicate, kept, guarded]);

        Assert.True(Assert.Single(plan, c => c.Kind == ImageChangeKind.Deactivate).Destructive);
        var delete = Assert.Single(plan, c => c.Kind == ImageChangeKind.Delete);
        Assert.Equal(duplicate.Id, delete.ImageId);
        Assert.False(SyncOperations.IsCleanup(delete));
        Assert.DoesNotContain(plan, c => c.ImageId == kept.Id);
        Assert.Contains(plan, c => c.ImageId == guarded.Id && c.Kind == ImageChangeKind.Rename);
    }

    [Fact]
    public void TheKeptDuplicateIsTheOneWhoseBytesMatchTheChecksumBeforeANewerOne()
    {
        var version = Version("Alma 9", "1", checksum: new string('a', 64));
        var definition = Definition("Alma 9", versions: ["1"]);
        definition = Copy(definition, versions: [version]);
        var matching = Synced(definition, version) with { CreatedAt = DateTimeOffset.UnixEpoch, HashAlgorithm = "sha256", HashValue = new string('a', 64) };
        var newer = Synced(definition, version) with { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1), HashAlgorithm = "sha256", HashValue = new string('b', 64) };

        var inventory = new ImageInventory([newer, matching], [definition]);

        Assert.Equal([matching.Id, newer.Id], inventory.ForVersion(definition, version).Select(i => i.Id));
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("killed")]
    [InlineData("failed import")]
    public void AnImageWhoseBytesNobodyVerifiedIsNeverAdoptedAndIsDeletedAsALeftover(string how)
    {
        var image = Synced(s_debian, s_debian.Versions[0]) with { Visibility = "private" };
        image = how switch
        {
            "pending" => image with { Properties = new Dictionary<string, string>(image.Properties) { [DesiredImage.PendingKey] = "deadrun" } },
            "killed" => image with { Status = "killed" },
            _ => image with { Properties = new Dictionary<string, string>(image.Properties) { ["os_glance_failed_import"] = "file" } },
        };

        var inventory = new ImageInventory([image], [s_debian]);
        var plan = Plan([s_debian], [image]);

        Assert.Empty(inventory.ForVersion(s_debian, s_debian.Versions[0]));
        Assert.Empty(inventory.Images);
        Assert.Same(image, Assert.Single(inventory.Unverified));
        var cleanup = Assert.Single(plan, c => c.ImageId == image.Id);
        Assert.Equal(ImageChangeKind.Delete, cleanup.Kind);
        Assert.True(SyncOperations.IsCleanup(cleanup));
        Assert.Contains(plan, c => c.Kind == ImageChangeKind.Create && c.Image is null);
    }

    [Fact]
    public void AnUnverifiedImageThatIsProtectedVisibleOrBeingMadeByTheLeaseHolderIsKept()
    {
        var pending = Synced(s_debian, s_debian.Versions[0]);
        pending = pending with { Visibility = "private", Properties = new Dictionary<string, string>(pending.Properties) { [DesiredImage.PendingKey] = "liverun" } };
        var isProtected = pending with { Id = Guid.NewGuid().ToString(), Protected = true, Properties = new Dictionary<string, string>(pending.Properties) { [DesiredImage.PendingKey] = "deadrun" } };
        var visible = isProtected with { Id = Guid.NewGuid().ToString(), Protected = false, Visibility = "public" };

        var inventory = new ImageInventory([pending, isProtected, visible], [s_debian], liveLeaseRunId: "liverun");

        Assert.All(inventory.Cleanup, u => Assert.NotNull(u.KeptBecause));
        Assert.Contains("holds the catalog lease", inventory.Cleanup.Single(u => u.Image == pending).KeptBecause, StringComparison.Ordinal);
        Assert.Contains("protected", inventory.Cleanup.Single(u => u.Image == isProtected).KeptBecause, StringComparison.Ordinal);
        Assert.DoesNotContain(Plan([s_debian], [isProtected, visible]), c => c.Kind == ImageChangeKind.Delete);
        Assert.Null(ImageInventory.CleanupBlocker(pending, liveLeaseRunId: "otherrun"));
    }

    [Fact]
    public void AVersionTheYamlDroppedIsRotationsMaterialNotAnOrphan()
    {
        var old = Synced(s_ubuntu, SyncSamples.Version("Ubuntu 24.04", "20231201"));

        var inventory = new ImageInventory([old], [s_ubuntu]);
        var plan = Plan([s_ubuntu], [old]);

        Assert.Same(old, Assert.Single(inventory.RetiredOf(s_ubuntu)));
        Assert.Empty(inventory.Unmatched);
        Assert.DoesNotContain(plan, c => c.ImageId == old.Id);
    }

    [Fact]
    public void AFilteredRunDoesNotCallTheOtherDefinitionsImagesOrphans()
    {
        var ubuntu = Synced(s_ubuntu, s_ubuntu.Versions[0]);
        var debian = Synced(s_debian, s_debian.Versions[0]);
        var nameless = Image("made by hand");

        var inventory = new ImageInventory([ubuntu, debian, nameless], [s_ubuntu]);
        var filtered = Plan([s_ubuntu], [ubuntu, debian, nameless]);

        Assert.Equal([debian.Id, nameless.Id], inventory.Unmatched.Select(i => i.Id));
        var orphan = Assert.Single(filtered, c => c.Kind == ImageChangeKind.Orphaned);
        Assert.Equal(nameless.Id, orphan.ImageId);
    }

    [Fact]
    public void IncludeOrphanedReportsImagesOfDefinitionsNotGiven()
    {
        var ubuntu = Synced(s_ubuntu, s_ubuntu.Versions[0]);
        var gone = Synced(s_debian, s_debian.Versions[0]);

        var plan = Plan([s_ubuntu], [ubuntu, gone], new PlanOptions { ManagedTag = Tag, IncludeOrphaned = true });

        Assert.Equal(gone.Id, Assert.Single(plan, c => c.Kind == ImageChangeKind.Orphaned).ImageId);
        Assert.Equal("!", plan.Single(c => c.Kind == ImageChangeKind.Orphaned).Symbol);
    }

    [Fact]
    public void AnUpToDateImageGivesNoItemsUnlessUnchangedAreAskedFor()
    {
        var image = Synced(s_debian, s_debian.Versions[0]);

        Assert.Empty(Plan([s_debian], [image]));
        Assert.Equal(ImageChangeKind.NoChange, Assert.Single(Plan([s_debian], [image], new PlanOptions { ManagedTag = Tag, IncludeUnchanged = true })).Kind);
    }

    [Fact]
    public void AMissingVersionIsCreatedAndAHalfMadeOneIsReplaced()
    {
        var halfMade = Synced(s_ubuntu, s_ubuntu.Versions[1]) with { Status = "queued" };

        var plan = Plan([s_ubuntu], [Synced(s_ubuntu, s_ubuntu.Versions[0]), halfMade]);

        var create = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.Create, create.Kind);
        Assert.Equal("Ubuntu 24.04 20240701", create.ImageName);
        Assert.Same(halfMade, create.Image);
    }

    private static IReadOnlyList<ImageChange> PlanDeletingDuplicates(IReadOnlyList<GlanceImage> images)
    {
        var context = Context([s_debian], images);
        var deleting = new PlanContext
        {
            Session = context.Session,
            Definitions = context.Definitions,
            Inventory = context.Inventory,
            Options = context.Options,
            Capabilities = context.Capabilities,
            Latest = context.Latest,
            DeleteDuplicates = true,
        };
        return new SyncPlanner().PlanAsync(deleting, CancellationToken.None).GetAwaiter().GetResult();
    }
}
