using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// What one look at an importing image means (the run's import monitor asks this of every import it
/// watches): done only when active and Glance's import lock is gone; killed, a silent return to queued,
/// os_glance_failed_import, a failed task and the deadline fail it; tasks are read only to explain.
/// The clock is the watch's argument: nothing here waits.
/// </summary>
public class ImportWatchTests
{
    private static readonly TimeSpan Expected = TimeSpan.FromSeconds(1);

    private static ImportWatch Watch(TimeSpan? timeout = null) =>
        new("img-1", "Debian 12", TimeSpan.Zero, timeout ?? TimeSpan.FromMinutes(30), new ExecutionOptions(), _ => { }, Expected, 1);

    private static GlanceImage Image(string status, params (string Key, string Value)[] properties) => new()
    {
        Id = "img-1",
        Name = "Debian 12",
        Status = status,
        Properties = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
    };

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static string FailureOf(ImportWatch watch) =>
        Assert.IsType<OpenStackException>(watch.Completion.Exception?.InnerException).Message;

    [Fact]
    public async Task AnActiveImageIsDoneOnlyOnceGlancesImportLockIsGone()
    {
        var watch = Watch();
        Assert.False(watch.Observe(Image("active", (ImportWaiter.ImportLockKey, "task-1")), S(1), Expected));
        Assert.False(watch.Completion.IsCompleted);

        Assert.True(watch.Observe(Image("active"), S(1.2), Expected));
        Assert.Equal("active", (await watch.Completion).Status);
    }

    [Theory]
    [InlineData("killed", "became killed")]
    [InlineData("deleted", "became deleted")]
    [InlineData("deactivated", "became deactivated")]
    public void AnImageThatEndsUpUnusableFailsTheImport(string status, string why)
    {
        var watch = Watch();
        Assert.True(watch.Observe(Image(status), S(1), Expected));
        Assert.Contains(why, FailureOf(watch), StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageThatSilentlyReturnsToQueuedFailsTheImport()
    {
        var watch = Watch();
        Assert.False(watch.Observe(Image("importing", (ImportWaiter.ImportLockKey, "task-1")), S(1), Expected));
        Assert.True(watch.Observe(Image("queued"), S(1.5), Expected));
        Assert.Contains("silently returned to queued", FailureOf(watch), StringComparison.Ordinal);
    }

    [Fact]
    public void GlancesFailedImportPropertyFailsTheImport()
    {
        var watch = Watch();
        Assert.True(watch.Observe(Image("importing", ("os_glance_failed_import", "file1")), S(1), Expected));
        Assert.Contains("os_glance_failed_import: file1", FailureOf(watch), StringComparison.Ordinal);
    }

    [Fact]
    public void AnImportingImageWithoutItsLockHasItsTaskReadAndAFailedTaskFailsTheImport()
    {
        var watch = Watch();
        Assert.False(watch.Observe(Image("importing", (ImportWaiter.ImportLockKey, "task-1")), S(1), Expected));
        Assert.Null(watch.TaskReadReason);

        var unlocked = Image("importing");
        Assert.False(watch.Observe(unlocked, S(1.2), Expected));
        Assert.NotNull(watch.TaskReadReason);
        Assert.True(watch.ObserveTasks(unlocked, [new ImageTask("task-1", "failure", "Image conversion failed")]));
        Assert.Contains("the import task task-1 failed: Image conversion failed", FailureOf(watch), StringComparison.Ordinal);
    }

    [Fact]
    public void TasksAreNotReadWhileAnImportRunsAsLongAsTheRunsImportsDo()
    {
        var watch = Watch();
        var locked = Image("importing", (ImportWaiter.ImportLockKey, "task-1"));
        for (var t = 0.75; t < 4.5; t += 0.2)
        {
            Assert.False(watch.Observe(locked, S(t), Expected));
            Assert.Null(watch.TaskReadReason);
        }
    }

    [Fact]
    public void AnActiveImageWhoseLockStaysHasItsTaskReadOnceAndIsNotDoneWhileTheTaskRuns()
    {
        var watch = Watch();
        var stale = Image("active", (ImportWaiter.ImportLockKey, "task-1"));
        Assert.False(watch.Observe(stale, S(1), Expected));
        Assert.Null(watch.TaskReadReason);

        var asked = 0;
        for (var t = 1.0 + StaleImportLock.After.TotalSeconds; t < 40; t += 2)
        {
            Assert.False(watch.Observe(stale, S(t), Expected));
            if (watch.TaskReadReason is not null)
            {
                asked++;
                Assert.False(watch.ObserveTasks(stale, [new ImageTask("task-1", "processing", null)]));
            }
        }

        Assert.Equal(1, asked);
        Assert.False(watch.Completion.IsCompleted);
    }

    [Fact]
    public void TheDeadlineEndsTheWaitWithATimeout()
    {
        var watch = Watch(S(5));
        Assert.False(watch.Observe(Image("importing", (ImportWaiter.ImportLockKey, "task-1")), S(1), Expected));
        Assert.True(watch.Observe(Image("importing", (ImportWaiter.ImportLockKey, "task-1")), S(4.99), Expected));
        Assert.Equal(OpenStackErrorKind.Timeout, Assert.IsType<OpenStackException>(watch.Completion.Exception?.InnerException).Kind);
    }

    [Fact]
    public void TheFirstLookComesWhenTheRunsImportsEndThenLooksAreTightThenBackOff()
    {
        var watch = Watch();
        Assert.Equal(S(1), watch.NextPoll);

        var importing = Image("importing", (ImportWaiter.ImportLockKey, "task-1"));
        watch.Observe(importing, S(1), Expected);
        var tight = watch.NextPoll - S(1);
        Assert.InRange(tight, ImportWatch.Tightest, new ExecutionOptions().PollMinimum);

        watch.Observe(importing, S(30), Expected);
        var late = watch.NextPoll - S(30);
        Assert.True(late > tight * 10, $"{late} after half a minute, {tight} while due");
        Assert.True(late <= new ExecutionOptions().PollMaximum);
    }

    [Fact]
    public void ALookAnotherImportAskedForLongBeforeThisImportsFirstLookDoesNotBringItForward()
    {
        var watch = Watch();
        var importing = Image("importing", (ImportWaiter.ImportLockKey, "task-1"));

        // Started a moment ago, seen by a look due for an import that began earlier.
        Assert.False(watch.Observe(importing, S(0.2), Expected));
        Assert.Equal(S(1), watch.NextPoll);

        Assert.False(watch.Observe(importing, S(1), Expected));
        Assert.True(watch.NextPoll < S(1) + new ExecutionOptions().PollMinimum + ImportWatch.Tightest);
    }

    [Fact]
    public void WhenTheImportsBesideItEndTheFirstLookComesWhenTheRestOfTheImportShouldEnd()
    {
        // Started with two others (3 s each at three at once); after 1 s the others ended, and one alone takes 1 s.
        var watch = new ImportWatch("img-1", "Debian 12", TimeSpan.Zero, TimeSpan.FromMinutes(30), new ExecutionOptions(), _ => { }, S(3), 3);
        Assert.Equal(S(3), watch.NextPoll);

        watch.Account(S(1), 1, S(1));
        Assert.InRange(watch.NextPoll, S(1.666), S(1.667));
        Assert.Equal(3, watch.Concurrency);

        // More joined instead: the rest takes longer.
        var crowded = new ImportWatch("img-2", "Debian 12", TimeSpan.Zero, TimeSpan.FromMinutes(30), new ExecutionOptions(), _ => { }, S(1), 1);
        crowded.Account(S(0.5), 3, S(3));
        Assert.InRange(crowded.NextPoll, S(1.999), S(2.001));
    }

    [Fact]
    public void ALookAnotherImportAskedForJustBeforeThisImportsFirstLookStandsForIt()
    {
        var watch = Watch();
        var importing = Image("importing", (ImportWaiter.ImportLockKey, "task-1"));

        Assert.False(watch.Observe(importing, S(0.9), Expected));
        Assert.InRange(watch.NextPoll, S(0.9) + ImportWatch.Tightest, S(0.9) + new ExecutionOptions().PollMinimum);
    }
}
