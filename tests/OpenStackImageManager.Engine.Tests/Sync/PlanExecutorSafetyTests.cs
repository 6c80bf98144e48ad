using System.Net;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// The executor's delete safety for the answers a local Glance with a file store cannot give: an image
/// in use (409 on DELETE) stays, deactivated and hidden, with a warning and no failure; and after any
/// failure in the run, nothing is deleted at all (no DELETE is even sent).
/// </summary>
public class PlanExecutorSafetyTests
{
    private static readonly OpenStackSession s_session = new(Guid.NewGuid(), "test");

    private static GlanceImage Image(string id) => new()
    {
        Id = id,
        Name = $"Ubuntu 24.04 ({id})",
        Status = "active",
        Visibility = "shared",
        Tags = ["managed_by_osism"],
    };

    private static ImageChange Item(ImageChangeKind kind, GlanceImage image, ImageTarget? target = null) => new()
    {
        Kind = kind,
        ImageName = image.Name,
        ImageId = image.Id,
        Image = image,
        Session = s_session,
        Target = target ?? ImageTarget.None,
        Destructive = kind is ImageChangeKind.Deactivate or ImageChangeKind.Delete,
        Planner = "Rotation",
        Description = $"{kind} {image.Name}",
    };

    private static string Json(GlanceImage image, string status, string visibility) =>
        $$"""{"id":"{{image.Id}}","name":"{{image.Name}}","status":"{{status}}","visibility":"{{visibility}}","tags":["managed_by_osism"],"protected":false,"os_hidden":false,"min_disk":0,"min_ram":0}""";

    private static (PlanExecutor Executor, ScriptedHandler Handler, CollectingLog Log) Executor(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script)
    {
        var handler = new ScriptedHandler(script);
        var glance = new GlanceClient(new HttpClient(handler), new Uri("http://glance.test/v2/"), "test", () => []);
        var run = new SyncRun(s_session, glance, "managed_by_osism", "project");
        return (new PlanExecutor(new ExecutionOptions { ThrottleLimit = 1 }, _ => run), handler, new CollectingLog());
    }

    [Fact]
    public async Task An_image_in_use_stays_deactivated_and_community_with_a_warning_not_a_failure()
    {
        var image = Image("old");
        var (executor, handler, log) = Executor(
            ScriptedHandler.Status(204),                                                       // POST deactivate
            ScriptedHandler.Status(200, body: Json(image, "deactivated", "community")),        // PATCH visibility
            ScriptedHandler.Status(409, body: "Image is in use by an instance"));              // DELETE
        var plan = new[]
        {
            Item(ImageChangeKind.Deactivate, image),
            Item(ImageChangeKind.SetVisibility, image, new ImageTarget { Visibility = "community" }),
            Item(ImageChangeKind.Delete, image),
        };

        var results = await executor.ExecuteAsync(plan, log, CancellationToken.None);

        Assert.Equal(["POST", "PATCH", "DELETE"], handler.Attempts.Select(a => a.Method));
        Assert.Equal([SyncOutcome.Succeeded, SyncOutcome.Succeeded, SyncOutcome.Skipped], results.Select(r => r.Result.Outcome));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Contains("is in use and was not deleted", results[2].Result.Message, StringComparison.Ordinal);
        Assert.Contains(log.Warnings, w => w.Contains("Ubuntu 24.04 (old)", StringComparison.Ordinal) && w.Contains("in use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_failure_in_the_run_no_delete_is_sent()
    {
        var failing = Image("drifted");
        var old = Image("old");
        var (executor, handler, log) = Executor(
            ScriptedHandler.Status(403, body: "You are not authorized to change this image"));  // PATCH of the first image
        var plan = new[]
        {
            Item(ImageChangeKind.UpdateProperties, failing, new ImageTarget { Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu" } }),
            Item(ImageChangeKind.Delete, old),
        };

        var results = await executor.ExecuteAsync(plan, log, CancellationToken.None);

        Assert.Equal(["PATCH"], handler.Attempts.Select(a => a.Method));
        Assert.Equal(SyncOutcome.Failed, results[0].Result.Outcome);
        Assert.Equal(SyncOutcome.Skipped, results[1].Result.Outcome);
        Assert.Contains("earlier item of this run failed", results[1].Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_protected_image_is_refused_before_any_delete_request()
    {
        var image = Image("guarded") with { Protected = true };
        var (executor, handler, log) = Executor(ScriptedHandler.Status(204));

        var results = await executor.ExecuteAsync([Item(ImageChangeKind.Delete, image)], log, CancellationToken.None);

        Assert.Empty(handler.Attempts);
        Assert.Equal(SyncOutcome.Failed, Assert.Single(results).Result.Outcome);
        Assert.Contains("protected", results[0].Result.Message, StringComparison.OrdinalIgnoreCase);
    }
}
