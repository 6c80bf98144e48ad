using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// The plan carries its decisions: settings shared by every item, the resolved import method, typed
/// targets, an explicit destructive flag; and the executor writes in one order whatever the plan order.
/// </summary>
public class PlanContractTests
{
    private static readonly ImageDefinition s_debian = Definition("Debian 12", versions: ["20240601", "20240701"]);

    private static string Json(GlanceImage image, string status) =>
        $$"""{"id":"{{image.Id}}","name":"{{image.Name}}","status":"{{status}}","visibility":"public","tags":[],"protected":false,"os_hidden":false,"min_disk":0,"min_ram":0}""";

    private static (PlanExecutor Executor, ScriptedHandler Handler) Executor(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script)
    {
        var handler = new ScriptedHandler(script);
        var glance = new GlanceClient(new HttpClient(handler), new Uri("http://glance.test/v2/"), "test", () => []);
        var run = new SyncRun(Session, glance, Tag, "p1");
        return (new PlanExecutor(new ExecutionOptions { ThrottleLimit = 1 }, _ => run), handler);
    }

    [Fact]
    public async Task Every_item_of_a_plan_shares_one_settings_object_and_a_create_names_its_resolved_method()
    {
        var existing = Synced(s_debian, s_debian.Versions[0]) with { Visibility = "private" };
        var options = new PlanOptions { ManagedTag = Tag, ChecksumPolicy = ChecksumPolicy.BestEffort };
        var context = Context([s_debian], [existing], options);

        var plan = await new SyncPlanner().PlanAsync(context, CancellationToken.None);

        Assert.Equal(2, plan.Count);
        Assert.All(plan, item => Assert.Same(context.Settings, item.Settings));
        Assert.Equal((Tag, ChecksumPolicy.BestEffort), (context.Settings.ManagedTag, context.Settings.ChecksumPolicy));
        var create = Assert.Single(plan, i => i.Kind == ImageChangeKind.Create);
        Assert.Equal(ImportMethod.WebDownload, create.ImportMethod);
        Assert.Contains(Tag, create.Target.Tags!);
        Assert.Equal(1, create.Target.MinDisk);
    }

    [Fact]
    public void A_tag_with_a_comma_stays_one_tag_because_the_target_is_a_list_not_its_display()
    {
        var image = Synced(s_debian, s_debian.Versions[0]);
        var item = ImageChanges.ForImage(ImageChangeKind.UpdateTags, Session, image, s_debian, null, new ImageTarget { Tags = ["a,b", "c"] }, PlanSettings.Default, "test");

        var tags = Assert.Single(PatchBuilder.Build([item]));

        Assert.Equal(["a,b", "c"], tags.Value!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("a,b,c", item.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deactivate_goes_before_the_patch_and_reactivate_after_it_whatever_the_plan_order(bool statusFirst)
    {
        var image = Synced(s_debian, s_debian.Versions[0]);
        var (executor, handler) = Executor(ScriptedHandler.Status(204), ScriptedHandler.Status(200, body: Json(image, "deactivated")));
        var deactivate = ImageChanges.ForImage(ImageChangeKind.Deactivate, Session, image, s_debian, null, new ImageTarget { Status = "deactivated" }, PlanSettings.Default, "test");
        var hide = ImageChanges.ForImage(ImageChangeKind.SetVisibility, Session, image, s_debian, null, new ImageTarget { Visibility = "community" }, PlanSettings.Default, "test");

        var results = await executor.ExecuteAsync(statusFirst ? [deactivate, hide] : [hide, deactivate], NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal(["POST", "PATCH"], handler.Attempts.Select(a => a.Method));
        Assert.All(results, r => Assert.Equal(SyncOutcome.Succeeded, r.Result.Outcome));
        Assert.All(results, r => Assert.Equal("deactivated", r.Result.Image!.Status));
    }

    [Fact]
    public async Task What_is_destructive_is_the_items_flag_not_the_planners_name()
    {
        var failing = Synced(s_debian, s_debian.Versions[0]);
        var flagged = Synced(s_debian, s_debian.Versions[1]);
        var plain = Synced(s_debian, s_debian.Versions[1], id: "plain");
        var (executor, handler) = Executor(
            ScriptedHandler.Status(403, body: "not yours"),   // the PATCH of the first image
            ScriptedHandler.Status(204));                      // the deactivation the YAML asks for
        var plan = new[]
        {
            ImageChanges.ForImage(ImageChangeKind.SetVisibility, Session, failing, s_debian, null, new ImageTarget { Visibility = "private" }, PlanSettings.Default, "Sync"),
            ImageChanges.ForImage(ImageChangeKind.Deactivate, Session, flagged, s_debian, null, new ImageTarget { Status = "deactivated" }, PlanSettings.Default, "Sync", destructive: true),
            ImageChanges.ForImage(ImageChangeKind.Deactivate, Session, plain, s_debian, null, new ImageTarget { Status = "deactivated" }, PlanSettings.Default, "Rotation"),
        };

        var results = await executor.ExecuteAsync(plan, NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal([SyncOutcome.Failed, SyncOutcome.Skipped, SyncOutcome.Succeeded], results.Select(r => r.Result.Outcome));
        Assert.Equal(["PATCH", "POST"], handler.Attempts.Select(a => a.Method));
    }
}
