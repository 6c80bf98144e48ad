using System.Net;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sync;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// How many imports run at once: more only while Glance then finishes more images per second, never
/// more than the user's limit, fewer when Glance says it is overloaded.
/// </summary>
public class ImportThrottleTests
{
    private static readonly TimeSpan Solo = TimeSpan.FromSeconds(0.6);

    [Fact]
    public void TheLimitClimbsWhileMoreAtOnceFinishMoreAndNeverPassesTheUsersLimit()
    {
        var throttle = new ImportThrottle(4);
        Assert.Equal(ImportThrottle.Start, throttle.Limit);

        // Glance with room to spare: each import takes as long however many run.
        for (var i = 0; i < 20; i++)
        {
            throttle.Observe(Solo, throttle.Limit);
        }

        Assert.Equal(4, throttle.Limit);
    }

    [Fact]
    public void TheLimitStepsBackWhenMoreAtOnceOnlySlowEachOther()
    {
        var throttle = new ImportThrottle(8);
        throttle.Observe(Solo, 2);
        throttle.Observe(Solo, 2);
        Assert.Equal(3, throttle.Limit);

        // Three at once take half again as long each: the same throughput as two.
        for (var i = 0; i < 6; i++)
        {
            throttle.Observe(Solo * 1.5, 3);
        }

        Assert.Equal(2, throttle.Limit);
    }

    [Fact]
    public void ALimitOfOneStaysOne()
    {
        var throttle = new ImportThrottle(1);
        for (var i = 0; i < 5; i++)
        {
            throttle.Observe(Solo, 1);
        }

        Assert.Equal(1, throttle.Limit);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData((HttpStatusCode)429)]
    public void GlanceSayingItIsOverloadedHalvesTheLimit(HttpStatusCode status)
    {
        var throttle = new ImportThrottle(8);
        for (var i = 0; i < 40; i++)
        {
            throttle.Observe(Solo, throttle.Limit);
        }

        Assert.Equal(8, throttle.Limit);
        throttle.Saw(new OpenStackApiException(OpenStackErrorKind.Unknown, "Glance", "POST", "images", status, "busy", null));
        Assert.Equal(4, throttle.Limit);
    }

    [Fact]
    public async Task ImportsBeyondTheLimitWaitForASlot()
    {
        var throttle = new ImportThrottle(2);
        using var first = await throttle.EnterAsync(CancellationToken.None);
        var second = await throttle.EnterAsync(CancellationToken.None);
        var third = throttle.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        second.Dispose();
        (await third).Dispose();
    }
}
