using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Identity;

namespace OpenStackImageManager.Engine.Tests.Identity;

/// <summary>A token is renewed when a tenth of its lifetime (at most five minutes) is left: never per call, also when tokens live only minutes.</summary>
public sealed class TokenRenewalTests
{
    [Theory]
    // lifetime, age at the call, renewed?
    [InlineData(240, 0, false)]
    [InlineData(240, 200, false)]
    [InlineData(240, 217, true)]
    [InlineData(3600, 3200, false)]
    [InlineData(3600, 3301, true)]
    public async Task Renewal_follows_the_tokens_lifetime(int lifetimeSeconds, int ageSeconds, bool renewed)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var issuedAt = clock.GetUtcNow();
        using var manager = new TokenManager((_, _) => Task.FromResult(new KeystoneToken
        {
            Value = Guid.NewGuid().ToString("N"),
            IssuedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow().AddSeconds(lifetimeSeconds),
        }), clock);
        await manager.GetAsync(NullOperationLog.Instance, CancellationToken.None);

        for (var second = 0; second <= ageSeconds; second += 10)
        {
            clock.Now = issuedAt.AddSeconds(Math.Min(second, ageSeconds));
            await manager.GetAsync(NullOperationLog.Instance, CancellationToken.None);
        }

        clock.Now = issuedAt.AddSeconds(ageSeconds);
        await manager.GetAsync(NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(renewed ? 2 : 1, manager.Issued);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
