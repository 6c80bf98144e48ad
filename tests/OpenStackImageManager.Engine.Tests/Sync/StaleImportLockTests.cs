using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Sync;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>An active image whose import lock stays: its task decides, never the import timeout.</summary>
public class StaleImportLockTests
{
    private static readonly Models.GlanceImage s_locked = Image("Locked 1") with { Size = 1 << 20, HashAlgorithm = "sha512", HashValue = new string('c', 128) };

    [Fact]
    public void A_lock_whose_task_still_runs_means_wait()
    {
        var image = s_locked.With(StaleImportLock.LockKey, "t1");

        Assert.Equal(ImportLockState.Running, StaleImportLock.Judge(image, [new ImageTask("t1", "processing", null)]).State);
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("success")]
    [InlineData(null)]
    public void A_lock_whose_task_ended_or_is_gone_ends_the_wait_when_bytes_are_stored(string? status)
    {
        var image = s_locked.With(StaleImportLock.LockKey, "t1");
        ImageTask[] tasks = status is null ? [] : [new ImageTask("t1", status, "deadlock while releasing the lock")];

        var verdict = StaleImportLock.Judge(image, tasks);

        Assert.Equal(ImportLockState.Ended, verdict.State);
        Assert.Contains("judged by their hash", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ended_task_on_an_image_without_stored_bytes_is_a_failure()
    {
        var image = (s_locked with { Size = null, HashValue = null }).With(StaleImportLock.LockKey, "t1");

        Assert.Equal(ImportLockState.Broken, StaleImportLock.Judge(image, [new ImageTask("t1", "failure", null)]).State);
    }
}
