namespace OpenStackImageManager.Engine.Leases;

/// <summary>How a run takes and keeps the catalog lease (docs/BEHAVIOUR.md, "Overlapping runs").</summary>
public sealed record LeaseOptions
{
    /// <summary>
    /// How long a run waits for another run's live lease before it stops with an error naming the holder.
    /// Zero (the default): stop at once, so a scheduler never stacks runs; <c>--lease-wait</c> / <c>-LeaseWait</c> raise it.
    /// </summary>
    public TimeSpan Wait { get; init; } = TimeSpan.Zero;

    /// <summary>How long a lease lasts without renewal: a killed run's lease can be taken over this long after its last renewal.</summary>
    public TimeSpan Duration { get; init; } = Defaults.LeaseDuration;

    /// <summary>How often the holder renews; well below <see cref="Duration"/> so a slow request never lets it lapse.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a waiting run looks again.</summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock; tests give their own.</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;
}
