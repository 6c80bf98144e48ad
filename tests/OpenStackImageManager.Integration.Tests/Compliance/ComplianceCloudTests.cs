using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Integration.Tests.Cli;
using OpenStackImageManager.Integration.Tests.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Compliance;

/// <summary>
/// SCS image metadata against the real cloud, as the plain member of oim-p2: a catalog of the Python
/// tool (its Debian definitions) synced and rotated with OlderGeneric passes every mandatory check in
/// the member's view; a broken image next to it is found, by the engine and by <c>check-scs</c>.
/// A member may not publish images, so the catalog is made community (in the member's view too);
/// the uniqueness rule, which counts public images, is judged as if an operator had published them.
/// </summary>
public sealed class ComplianceCloudTests
{
    [Fact]
    public async Task A_synced_and_rotated_catalog_passes_every_mandatory_check_and_a_broken_image_is_found()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync("oim-p2");
        var prefix = $"SCS {cloud.RunId} ";
        var catalog = FixtureCatalog.Rewrite(cloud, prefix);
        var debian = Path.Combine(catalog, "debian.yml");
        // An older build of Debian 12 (the catalog lists one), so that rotation has an older generic image.
        var older = TestImages.CreateFile(Path.Combine(cloud.Work, "files"), "debian-12-older.qcow2", "qcow2", 1);
        var text = File.ReadAllText(debian).Replace("visibility: public", "visibility: community", StringComparison.Ordinal);
        var versions = text.IndexOf("    versions:\n", text.IndexOf($"name: {prefix}Debian 12", StringComparison.Ordinal), StringComparison.Ordinal) + "    versions:\n".Length;
        text = text.Insert(versions, $"      - version: '20251201'\n        url: {cloud.Server.Url("files/debian-12-older.qcow2")}\n        checksum: \"sha256:{TestImages.Sha256(older)}\"\n        build_date: 2025-12-01\n");
        File.WriteAllText(debian, text);
        var loaded = DefinitionLoader.Load([debian], false, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(loaded.HasErrors, string.Join(Environment.NewLine, loaded.Problems));
        var definitions = loaded.Definitions.Where(d => d.Enable).ToList();
        Assert.Equal(2, definitions.Single(d => d.Name == prefix + "Debian 12").Versions.Count);
        var file = TestImages.CreateFile(Path.Combine(cloud.Work, "files"), "broken.qcow2", "qcow2", 1);
        definitions.Add(Definitions.Load(cloud, Definitions.Yaml(prefix + "Broken", "qcow2", multi: false, "community",
            [new Definitions.Version("1", cloud.Server.Url("files/broken.qcow2"), TestImages.Sha256(file))], extraMeta: "      image_description: ''\n")));

        // Run 1 creates every version (generic); run 2 rotates the older ones to oldgeneric, and the
        // compliance planner of run 2 judges what run 2 leaves before anything is sent.
        Assert.All(await cloud.SyncAsync(definitions), r => Assert.Null(r.Error));
        var rotation = new ImageRotationOptions { OlderGeneric = OlderGenericImages.OldGeneric };
        var compliance = new CompliancePlanner(["scs-0102"]);
        var plan = await SyncOperations.PlanAsync(cloud.Session, definitions, cloud.Options(), [new RotationPlanner(rotation), compliance], NullOperationLog.Instance, CancellationToken.None);
        Assert.Contains(plan, c => c.Changes.Any(p => p.Name == "os_purpose" && p.NewValue == "oldgeneric"));
        var planned = Assert.Single(compliance.Results, r => r.Severity == ProblemSeverity.Error);
        Assert.Equal(("scs-0102-prop-image_description", prefix + "Broken 1"), (planned.Check, planned.ImageName));
        Assert.All(await cloud.ApplyAsync(plan), r => Assert.Null(r.Error));
        Assert.Empty(await SyncOperations.PlanAsync(cloud.Session, definitions, cloud.Options(), [new RotationPlanner(rotation)], NullOperationLog.Instance, CancellationToken.None));

        // The member's view of the cloud, limited to this test's images.
        var ours = (await ComplianceOperations.ListAsync(cloud.Session, NullOperationLog.Instance, CancellationToken.None))
            .Where(i => i.Name.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        Assert.Equal(definitions.Sum(d => d.Versions.Count), ours.Length);
        var results = ComplianceOperations.Judge(ours, ["scs-0102"], DateTimeOffset.UtcNow);
        var error = Assert.Single(results, r => r.Severity == ProblemSeverity.Error);
        Assert.Equal(("scs-0102-prop-image_description", prefix + "Broken 1"), (error.Check, error.ImageName));
        var published = ours.Select(i => i with { Visibility = "public" }).ToArray();
        Assert.DoesNotContain(ComplianceOperations.Judge(published, ["scs-0102"], DateTimeOffset.UtcNow), r => r.Check == "scs-0102-os_purpose-uniqueness");
        Assert.All(ours.Where(i => i.Properties.GetValueOrDefault("os_purpose") == "oldgeneric"), i => Assert.Matches(@" \d{8}$", i.Name));

        // check-scs, as a cron job runs it: the broken image is one line, and the exit code says so.
        var cli = await CliProcess.RunAsync(cloud.Work, "check-scs", "--cloud", "oim-p2");
        Assert.True(cli.ExitCode == 1, cli.ToString());
        Assert.Contains(cli.OutputLines, l => l.StartsWith($"error: scs-0102-prop-image_description: image '{prefix}Broken 1' (", StringComparison.Ordinal));
        Assert.DoesNotContain(cli.OutputLines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains($"'{prefix}Debian", StringComparison.Ordinal));
    }
}
