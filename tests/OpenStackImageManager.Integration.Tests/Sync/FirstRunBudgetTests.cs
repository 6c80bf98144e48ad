using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// The requests a first run sends, per created image and per run, printed and pinned: the cost of a
/// sync grows with what it imports, never with polling gone wild or per-definition listings.
/// </summary>
public partial class FirstRunBudgetTests(ITestOutputHelper output)
{
    private const int Images = 3;

    [Fact]
    public async Task AFirstRunCostsAFixedNumberOfRequestsPerCreatedImage()
    {
        Assert.True(SyncCloud.Available, Infrastructure.TestCloud.StartHint);

        await using var cloud = await SyncCloud.ConnectAsync();
        var definitions = Enumerable.Range(1, Images)
            .Select(i => Definitions.Served(cloud, $"T5 {cloud.RunId} Budget{i}", $"budget{i}.qcow2", "qcow2"))
            .ToArray();
        var (session, requests) = await cloud.NewRunAsync();

        var plan = await SyncOperations.PlanAsync(session, definitions, cloud.Options(ImportMethod.GlanceDirect), null, NullOperationLog.Instance, CancellationToken.None);
        var results = await SyncOperations.ApplyAsync(plan, session, cloud.Execution(throttle: Images), NullOperationLog.Instance, CancellationToken.None);
        Engine.Sessions.SessionRegistry.Disconnect(session);

        Assert.All(results, r => Assert.True(r.Error is null, r.Error?.Message));
        var shapes = requests.Lines.Select(Shape).GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"First run, {Images} images by glance-direct: {requests.Lines.Count} requests");
        foreach (var (shape, count) in shapes)
        {
            output.WriteLine($"{count,4}  {shape}");
        }

        // Per run: one token (no version discovery), one listing per image set (visible + os_hidden) for the plan, the lease's
        // epochs and the plan's check under the lease, one import discovery, the lease's create and its release.
        Assert.Equal(1, shapes.GetValueOrDefault("POST /v3/auth/tokens"));
        Assert.Equal(0, shapes.GetValueOrDefault("GET /"));
        Assert.Equal(1, shapes.GetValueOrDefault("GET /v2/info/import"));

        // Per image: create (with everything known then), stage, import; then the ONE PATCH after verification (final name,
        // pending marker removed), which no image can skip: until its bytes are verified it must be neither findable under its
        // name nor visible.
        Assert.Equal(Images + 1, shapes.GetValueOrDefault("POST /v2/images"));
        Assert.Equal(Images, shapes.GetValueOrDefault("PUT /v2/images/{id}/stage"));
        Assert.Equal(Images, shapes.GetValueOrDefault("POST /v2/images/{id}/import"));
        Assert.Equal(Images + 1, shapes.GetValueOrDefault("PATCH /v2/images/{id}"));

        // Polls: one listing by id for every import in flight (beyond the run's six listings); an image read
        // alone or its tasks only where a failure needs explaining, which a successful run has none of.
        // How many looks depends on how long Glance takes (bench/race measures the steady case); here only
        // that they stay bounded and no image is read alone.
        var polls = shapes.GetValueOrDefault("GET /v2/images?{query}") - 6;
        Assert.InRange(polls, 1, Images * 8);
        Assert.Equal(0, shapes.GetValueOrDefault("GET /v2/images/{id}"));
        Assert.Equal(0, shapes.GetValueOrDefault("GET /v2/images/{id}/tasks"));
        var perImage = (requests.Lines.Count - 10 - polls) / (double)Images;
        output.WriteLine($"per run: 10 requests (the lease's create, its epochs, the check under it and its release among them); per created image: {perImage:0.#} requests besides {polls / (double)Images:0.#} shared status polls");
        Assert.Equal(4, perImage);
    }

    private static string Shape(string request)
    {
        var shape = Id().Replace(request, "{id}");
        var query = shape.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? shape : shape[..(query + 1)] + "{query}";
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Id();
}
