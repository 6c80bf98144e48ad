using System.Globalization;

namespace OpenStackImageManager.Fault.Tests;

/// <summary>
/// The suite's knobs: the seed of every random choice (OIM_FAULT_SEED) and the number of seeded Glance
/// fault trials (OIM_FAULT_TRIALS). The same seed gives the same faults, so a failure reproduces.
/// </summary>
public static class FaultSettings
{
    public const int DefaultSeed = 20261207;
    public const int DefaultTrials = 3;

    public static int Seed { get; } = Read("OIM_FAULT_SEED", DefaultSeed);

    public static int Trials { get; } = Math.Clamp(Read("OIM_FAULT_TRIALS", DefaultTrials), 1, 50);

    /// <summary>Where the figures go: OIM_FAULT_RESULTS, else out/fault-suite.md under the repository (build output, not committed).</summary>
    public static string ResultsFile { get; } = Environment.GetEnvironmentVariable("OIM_FAULT_RESULTS") is { Length: > 0 } given
        ? given
        : Path.Combine(TestPaths.RepoRoot, "out", "fault-suite.md");

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
