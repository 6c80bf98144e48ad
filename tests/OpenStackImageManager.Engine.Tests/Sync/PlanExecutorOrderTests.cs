using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Models;
using OpenStackImageManager.TestSupport;
using static OpenStackImageManager.Engine.Tests.Rotation.RotationWorld;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// The executor's order between items (docs/plan-model.md, "Ordering rules"): what waits for a Create runs after
/// it and only when it succeeded, so a failed import leaves the bare name on the old image; and no exception of one
/// image ends the run. In-process Glance answers, for failures the real one cannot be driven into.
/// </summary>
public sealed class PlanExecutorOrderTests
{
    private static readonly ImageDefinition s_definition = Definition("Ubuntu", multi: true, ["v3", "v4"], validity: null);

    private static GlanceImage Image(string id, string name) => new()
    {
        Id = id,
        Name = name,
        Status = "active",
        Visibility = "public",
        Tags = [Tag],
    };

    private static ImageChange Create() =>
        ImageChanges.ForCreate(Session, s_definition, s_definition.Versions[1], DesiredImage.For(s_definition, s_definition.Versions[1], Tag, null),
            ImportMethod.WebDownload, null, PlanSettings.Default, "Sync");

    private static ImageChange Change(ImageChangeKind kind, GlanceImage image, ImageTarget target, params ImageChange[] after)
    {
        var item = ImageChanges.ForImage(kind, Session, image, s_definition, s_definition.Versions[0], target, PlanSettings.Default, "Sync");
        // The planners' own link: a Rename away from the name a Create of the plan gives its image waits for it.
        var linked = BareNameHandOff.Link([item, .. after])[0];
        Assert.Equal(after.Length, linked.After.Count);
        return linked;
    }

    private static string Json(string id, string name) =>
        $$"""{"id":"{{id}}","name":"{{name}}","status":"active","visibility":"public","tags":["{{Tag}}"],"protected":false,"os_hidden":false,"min_disk":0,"min_ram":0}""";

    private static (PlanExecutor Executor, ScriptedHandler Handler) Executor(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script)
    {
        var handler = new ScriptedHandler(script);
        var glance = new GlanceClient(new HttpClient(handler), new Uri("http://glance.test/v2/"), "test", () => []);
        var run = new SyncRun(Session, glance, Tag, "project");
        return (new PlanExecutor(new ExecutionOptions { ThrottleLimit = 1 }, _ => run), handler);
    }

    [Fact]
    public void What_waits_for_a_create_runs_after_the_creates_and_the_rest_of_its_image_before()
    {
        var old = Image("old", "Ubuntu");
        var create = Create();
        var properties = Change(ImageChangeKind.UpdateProperties, old, new ImageTarget { Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu" } });
        var handOff = Change(ImageChangeKind.Rename, old, new ImageTarget { Name = "Ubuntu (v3)" }, create);
        var delete = Change(ImageChangeKind.Delete, Image("older", "Ubuntu (v2)"), ImageTarget.None);

        var phases = PlanGroups.Phases([handOff, properties, delete, create]);

        Assert.Equal(
            ["UpdateProperties", "Create", "Rename", "Delete"],
            phases.Select(p => string.Join(",", p.SelectMany(g => g.Items).Select(i => i.Kind.ToString()))));
    }

    [Fact]
    public async Task A_failed_create_sends_no_rename_and_the_old_image_keeps_the_bare_name()
    {
        var create = Create();
        var handOff = Change(ImageChangeKind.Rename, Image("old", "Ubuntu"), new ImageTarget { Name = "Ubuntu (v3)" }, create);
        var (executor, handler) = Executor(ScriptedHandler.Status(500, body: "{\"message\": \"store unavailable\"}"));   // POST /v2/images

        var results = await executor.ExecuteAsync([handOff, create], new CollectingLog(), CancellationToken.None);

        Assert.Equal(["POST"], handler.Attempts.Select(a => a.Method));
        Assert.Equal([SyncOutcome.Skipped, SyncOutcome.Failed], results.Select(r => r.Result.Outcome));
        Assert.Equal("not applied: it waits for 'Ubuntu' of version v4, whose import did not succeed", results[0].Result.Message);
    }

    [Fact]
    public async Task A_hand_off_whose_create_was_not_approved_is_not_sent()
    {
        var handOff = Change(ImageChangeKind.Rename, Image("old", "Ubuntu"), new ImageTarget { Name = "Ubuntu (v3)" }, Create());
        var (executor, handler) = Executor(ScriptedHandler.Status(200, body: Json("old", "Ubuntu (v3)")));

        var result = Assert.Single(await executor.ExecuteAsync([handOff], new CollectingLog(), CancellationToken.None));

        Assert.Empty(handler.Attempts);
        Assert.Equal(SyncOutcome.Skipped, result.Result.Outcome);
        Assert.EndsWith("whose import is not part of this run", result.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_fails_its_image_only_and_the_run_goes_on_without_deleting()
    {
        var first = Image("first", "Ubuntu (v1)");
        var second = Image("second", "Ubuntu (v2)");
        var (executor, handler) = Executor(
            // An exception no retry or read-back is made for (a bug, a handler that breaks): it fails that image only.
            (_, _) => throw new InvalidOperationException("the handler broke"),
            ScriptedHandler.Status(200, body: Json("second", "Ubuntu (v2)")));
        var plan = new[]
        {
            Change(ImageChangeKind.SetVisibility, first, new ImageTarget { Visibility = "community" }),
            Change(ImageChangeKind.SetVisibility, second, new ImageTarget { Visibility = "community" }),
            Change(ImageChangeKind.Delete, Image("third", "Ubuntu (v0)"), ImageTarget.None),
        };

        var results = await executor.ExecuteAsync(plan, new CollectingLog(), CancellationToken.None);

        Assert.Equal(["PATCH", "PATCH"], handler.Attempts.Select(a => a.Method));
        Assert.Equal([SyncOutcome.Failed, SyncOutcome.Succeeded, SyncOutcome.Skipped], results.Select(r => r.Result.Outcome));
        var error = Assert.IsAssignableFrom<OpenStackException>(results[0].Error);
        Assert.Equal("first", error.Target);
        Assert.StartsWith("Ubuntu (v1): SetVisibility of image first failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_stop_still_ends_the_run()
    {
        var (executor, _) = Executor(ScriptedHandler.Hang());
        using var stop = new CancellationTokenSource();
        var run = executor.ExecuteAsync([Change(ImageChangeKind.SetVisibility, Image("a", "Ubuntu (v1)"), new ImageTarget { Visibility = "community" })], new CollectingLog(), stop.Token);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
