using OpenStackImageManager.Engine.Sync;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// What the import monitor expects of the next import, which times its first look: parallel imports slow
/// each other, so the expectation follows the number of imports in flight.
/// </summary>
public class ImportDurationsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void BeforeAnyImportEndedASmallImagesIdleImportTimeIsExpected()
    {
        Assert.Equal(ImportDurations.Prior, new ImportDurations().ExpectedAt(3));
    }

    [Fact]
    public void AnImportIsExpectedToTakeWhatImportsAtItsConcurrencyTookAndLongerWhenMoreRunAtOnce()
    {
        var durations = new ImportDurations();
        durations.Add(S(0.9), 2);
        durations.Add(S(0.8), 2);
        durations.Add(S(1.9), 3);

        Assert.Equal(S(0.9), durations.ExpectedAt(2));
        Assert.Equal(S(1.9), durations.ExpectedAt(3));
        // No import ran four at once yet: what three at once took, scaled to four.
        Assert.True(durations.ExpectedAt(4) > durations.ExpectedAt(3), $"{durations.ExpectedAt(4)} for four at once");
        Assert.True(durations.ExpectedAt(1) < durations.ExpectedAt(2), $"{durations.ExpectedAt(1)} for one alone");
    }
}
