using OpenStackImageManager.Integration.Tests.Leases;
using OpenStackImageManager.Integration.Tests.Sync;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Cli;

/// <summary>Two cron jobs of one catalog that start together, as processes: each image once, and a refusal that says who holds the catalog.</summary>
public sealed class CliOverlapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_processes_started_together_make_each_image_once_and_a_refused_one_names_the_holder()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);
        await using var cloud = await SyncCloud.ConnectAsync("oim-p2");
        var name = $"OIM Overlap {cloud.RunId}";
        var catalog = Path.Combine(cloud.Work, "images");
        Directory.CreateDirectory(catalog);
        var versions = Enumerable.Range(1, 3).Select(i =>
        {
            var file = TestImages.CreateFile(cloud.Work, $"o{i}.qcow2", "qcow2");
            return new Definitions.Version($"{i}.0", cloud.Server.Url($"o{i}.qcow2"), TestImages.Sha256(file));
        }).ToArray();
        await File.WriteAllTextAsync(Path.Combine(catalog, "overlap.yml"), Definitions.Yaml(name, "qcow2", multi: false, "private", versions));
        string[] arguments = ["--cloud", "oim-p2", "--images", catalog, "--tag", cloud.Tag];

        var results = await Task.WhenAll(CliProcess.RunAsync(cloud.Work, arguments), CliProcess.RunAsync(cloud.Work, arguments));
        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }

        var images = await cloud.ManagedAsync();
        Assert.Equal(versions.Length, images.Count);
        Assert.Equal(versions.Length, images.Select(i => i.Name).Distinct().Count());
        Assert.All(images, i => Assert.Equal("active", i.Status));
        Assert.Contains(results, r => r.ExitCode == 0);
        foreach (var refused in results.Where(r => r.ExitCode != 0))
        {
            Assert.Contains("the catalog lease is held by run ", refused.Error, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", refused.Error, StringComparison.Ordinal);
        }

        // The next run finds nothing to do, and the lease was released by whichever run held it.
        var again = await CliProcess.RunAsync(cloud.Work, arguments);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(versions.Length, (await cloud.ManagedAsync()).Count);
        Assert.True((await (await LeaseCloud.StoreAsync(cloud)).CurrentAsync(CancellationToken.None))!.Released);
    }
}
