using OpenStackImageManager.Integration.Tests.Sync;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Cli;

/// <summary>
/// Rotation and the delete safety switches of the command line, on the real cloud: an older version
/// beyond the keep window (uuid_validity: last-1) becomes community in the run that imports the newer one,
/// so a dry run right after plans nothing; --delete alone deletes nothing;
/// --delete --yes-i-really-know-what-i-do --dry-run shows the delete and deletes nothing; with both
/// switches the old image goes and the current one stays.
/// </summary>
public sealed class CliRotationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Delete_needs_both_switches_and_removes_only_the_image_beyond_the_window()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync("oim-p1");
        var name = $"OIM CliRot {cloud.RunId}";
        var v1 = TestImages.CreateFile(cloud.Work, "v1.qcow2", "qcow2");
        var v2 = TestImages.CreateFile(cloud.Work, "v2.qcow2", "qcow2");
        var catalog = Path.Combine(cloud.Work, "images");
        Directory.CreateDirectory(catalog);
        var first = new Definitions.Version("1", cloud.Server.Url("v1.qcow2"), TestImages.Sha256(v1));
        var second = new Definitions.Version("2", cloud.Server.Url("v2.qcow2"), TestImages.Sha256(v2));
        Task WriteAsync(params Definitions.Version[] versions) => File.WriteAllTextAsync(
            Path.Combine(catalog, "rot.yml"),
            Definitions.Yaml(name, "qcow2", multi: true, "private", versions).Replace("uuid_validity: none", "uuid_validity: last-1", StringComparison.Ordinal));

        async Task<CliResult> Run(params string[] extra)
        {
            var result = await CliProcess.RunAsync(cloud.Work, ["--cloud", "oim-p1", "--images", catalog, "--tag", cloud.Tag, .. extra]);
            output.WriteLine(result.ToString());
            return result;
        }

        await WriteAsync(first);
        Assert.Equal(0, (await Run()).ExitCode);
        // Version 2 arrives: the run that imports it also moves version 1 out of the window of 1.
        await WriteAsync(first, second);
        Assert.Equal(0, (await Run()).ExitCode);
        var images = (await cloud.ManagedAsync()).ToDictionary(i => i.Name);
        Assert.Equal([name, $"{name} (1)"], images.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("community", images[$"{name} (1)"].Visibility);
        Assert.Equal("private", images[name].Visibility);

        // So a dry run right after the sync plans nothing.
        var empty = await Run("--dry-run");
        Assert.Equal(0, empty.ExitCode);
        Assert.DoesNotContain(empty.OutputLines, l => l.Length > 1 && "+-~".Contains(l[0], StringComparison.Ordinal) && l[1] == ' ');

        var refused = await Run("--delete");
        Assert.Equal(0, refused.ExitCode);
        Assert.Contains("--delete is ignored without --yes-i-really-know-what-i-do", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cloud.ManagedAsync()).Count);

        var dryRun = await Run("--delete", "--yes-i-really-know-what-i-do", "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains(dryRun.OutputLines, l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains($"{name} (1)", StringComparison.Ordinal));
        Assert.Equal(2, (await cloud.ManagedAsync()).Count);

        var deleted = await Run("--delete", "--yes-i-really-know-what-i-do");
        Assert.Equal(0, deleted.ExitCode);
        var left = Assert.Single(await cloud.ManagedAsync());
        Assert.Equal(images[name].Id, left.Id);
        Assert.Equal(name, left.Name);
    }
}
