using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Rotation;

/// <summary>
/// Rotation on the real local Glance: versions arrive one by one (sync and rotation in one run, as
/// Sync-GlanceImage -Rotation does), then Invoke-ImageRotation's engine alone with -WhatIf, -Delete
/// and a protected image. After every step the cloud is read back and checked image by image.
/// </summary>
public sealed class RotationCloudTests
{
    private static readonly string[] s_labels = ["v1", "v2", "v3", "v4"];

    [Fact]
    public async Task Versions_arrive_one_by_one_then_the_oldest_fades_is_deleted_and_a_protected_one_is_kept()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var name = $"OIM Rot {cloud.RunId} Ubuntu 24.04";
        TestImages.CreateFile(cloud.Work, "rot.raw", "raw", megabytes: 1);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string? protectedId = null;
        try
        {
            // Step 1-4: one more version each time; sync and rotation plan from one listing and apply together.
            for (var k = 1; k <= 4; k++)
            {
                var definition = Define(cloud, name, s_labels[..k]);
                var plan = await SyncOperations.PlanAsync(
                    cloud.Session, [definition], cloud.Options(), [new RotationPlanner(new ImageRotationOptions())], NullOperationLog.Instance, CancellationToken.None);
                var results = await cloud.ApplyAsync(plan);
                Assert.All(results, r => Assert.True(r.Error is null, r.Error?.Message));
                var created = results.Single(r => r.Result.Kind == ImageChangeKind.Create).Result.Image!;
                ids[s_labels[k - 1]] = created.Id;

                var expected = k switch
                {
                    1 => new[] { Row(name, "v1", "shared") },
                    2 => [Row($"{name} (v1)", "v1", "shared"), Row(name, "v2", "shared")],
                    3 => [Row($"{name} (v1)", "v1", "shared"), Row($"{name} (v2)", "v2", "shared"), Row(name, "v3", "shared")],
                    _ => [Row($"{name} (v1)", "v1", "community"), Row($"{name} (v2)", "v2", "shared"), Row($"{name} (v3)", "v3", "shared"), Row(name, "v4", "shared")],
                };
                await AssertStateAsync(cloud, ids, expected);
            }

            var all = Define(cloud, name, s_labels);

            // A second run of sync with rotation, and rotation alone, find nothing to do: neither undoes the other.
            Assert.Empty(await SyncOperations.PlanAsync(
                cloud.Session, [all], cloud.Options(), [new RotationPlanner(new ImageRotationOptions())], NullOperationLog.Instance, CancellationToken.None));
            Assert.Empty(await RotateAsync(cloud, all, new ImageRotationOptions(), new CollectingLog()));

            // The test YAML says uuid_validity: none: -Delete leaves v1 alone (deleting is opt-in per definition, as in the Python tool).
            var noneLog = new CollectingLog();
            Assert.Empty(await RotateAsync(cloud, all, new ImageRotationOptions { Delete = true }, noneLog));
            Assert.Contains(noneLog.Messages, m => m.Contains($"({ids["v1"]}) is kept, not deactivated or deleted: uuid_validity: none", StringComparison.Ordinal));
            all = Define(cloud, name, s_labels, validity: "last-3");

            // Step 5: -Delete -WhatIf (uuid_validity: last-3) — the plan deletes v1 after deactivating it; nothing changes.
            var whatIf = await RotateAsync(cloud, all, new ImageRotationOptions { Delete = true }, new CollectingLog());
            Assert.Equal(
                [(ids["v1"], ImageChangeKind.Deactivate), (ids["v1"], ImageChangeKind.Delete)],
                whatIf.Select(i => (i.ImageId!, i.Kind)).ToArray());
            Assert.Contains(whatIf, i => i.Description.StartsWith($"Delete image '{name} (v1)' ({ids["v1"]}) in {cloud.Session.Cloud}", StringComparison.Ordinal)
                                         && i.Description.EndsWith($"({all.Name}: #4, keeping the newest 3)", StringComparison.Ordinal));
            await AssertStateAsync(cloud, ids,
                [Row($"{name} (v1)", "v1", "community"), Row($"{name} (v2)", "v2", "shared"), Row($"{name} (v3)", "v3", "shared"), Row(name, "v4", "shared")]);

            // Step 6: -Delete — v1 is deactivated and deleted.
            var deleted = await cloud.ApplyAsync(whatIf);
            Assert.All(deleted, r => Assert.Equal(SyncOutcome.Succeeded, r.Result.Outcome));
            ids.Remove("v1");
            await AssertStateAsync(cloud, ids,
                [Row($"{name} (v2)", "v2", "shared"), Row($"{name} (v3)", "v3", "shared"), Row(name, "v4", "shared")]);

            // Step 7: v2 protected, window 2, -Delete: v2 fades to community but stays active and is not deleted; a warning says why.
            protectedId = ids["v2"];
            await cloud.Glance.UpdateImageAsync(protectedId, [PatchOperation.Replace("protected", true)], CancellationToken.None);
            var log = new CollectingLog();
            var keepTwo = await RotateAsync(cloud, all, new ImageRotationOptions { Keep = 2, Delete = true }, log);
            Assert.Equal([ImageChangeKind.SetVisibility, ImageChangeKind.UpdateProperties], keepTwo.Select(i => i.Kind));
            Assert.Contains($"WARNING: image '{name} (v2)' ({protectedId}) is kept, not deactivated or deleted: it is protected", log.Messages);
            Assert.All(await cloud.ApplyAsync(keepTwo), r => Assert.Equal(SyncOutcome.Succeeded, r.Result.Outcome));
            await AssertStateAsync(cloud, ids,
                [Row($"{name} (v2)", "v2", "community", isProtected: true), Row($"{name} (v3)", "v3", "shared"), Row(name, "v4", "shared")]);

            // Step 8: -UseOsHidden on the same state hides v2 and leaves the newest two alone.
            var hide = await RotateAsync(cloud, all, new ImageRotationOptions { Keep = 2, UseOsHidden = true }, new CollectingLog());
            Assert.Equal([(protectedId, ImageChangeKind.SetHidden)], hide.Select(i => (i.ImageId!, i.Kind)));
            await cloud.ApplyAsync(hide);
            await AssertStateAsync(cloud, ids,
                [Row($"{name} (v2)", "v2", "community", hidden: true, isProtected: true), Row($"{name} (v3)", "v3", "shared"), Row(name, "v4", "shared")]);
        }
        finally
        {
            if (protectedId is not null)
            {
                await cloud.Glance.UpdateImageAsync(protectedId, [PatchOperation.Replace("protected", false)], CancellationToken.None);
            }
        }
    }

    private static ImageDefinition Define(SyncCloud cloud, string name, string[] labels, string validity = "none") =>
        Definitions.Load(cloud, Definitions.Yaml(name, "raw", multi: true, "shared", labels.Select(l => new Definitions.Version(l, cloud.Server.Url("rot.raw"))).ToArray())
            .Replace("uuid_validity: none", $"uuid_validity: {validity}", StringComparison.Ordinal));

    private static Task<IReadOnlyList<ImageChange>> RotateAsync(SyncCloud cloud, ImageDefinition definition, ImageRotationOptions options, CollectingLog log) =>
        RotationOperations.PlanAsync(cloud.Session, [definition], cloud.Tag, options, hadErrors: false, log, CancellationToken.None);

    private static string[] Row(string name, string version, string visibility, bool hidden = false, bool isProtected = false, string status = "active") =>
        [version, name, visibility, hidden ? "hidden" : "shown", status, isProtected ? "protected" : "-"];

    /// <summary>Every managed image of the test: its name, id (the one created for its version), visibility, os_hidden, status.</summary>
    private static async Task AssertStateAsync(SyncCloud cloud, Dictionary<string, string> ids, string[][] expected)
    {
        var images = await cloud.ManagedAsync();
        var actual = images.OrderBy(i => i.Properties["internal_version"], StringComparer.Ordinal)
            .Select(i => new[] { i.Properties["internal_version"], i.Name, i.Visibility, i.Hidden ? "hidden" : "shown", i.Status, i.Protected ? "protected" : "-" })
            .ToArray();
        Assert.Equal(expected.Select(r => string.Join("|", r)), actual.Select(r => string.Join("|", r)));
        Assert.All(images, i => Assert.Equal(ids[i.Properties["internal_version"]], i.Id));
    }
}
