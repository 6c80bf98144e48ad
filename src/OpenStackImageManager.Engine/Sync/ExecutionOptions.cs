namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Knobs of an apply run: how much at once and how long. Nothing here changes WHAT is applied: the
/// import method, the checksum policy and the managed tag are decisions of the plan
/// (<see cref="Models.ImageChange.Settings"/>, <see cref="Models.ImageChange.ImportMethod"/>), so a plan
/// applied later behaves as the run that planned it.
/// </summary>
public sealed record ExecutionOptions
{
    /// <summary>Images worked on at once.</summary>
    public int ThrottleLimit { get; init; } = Defaults.ThrottleLimit;

    /// <summary>How long one import may take, from create to active.</summary>
    public TimeSpan ImportTimeout { get; init; } = Defaults.ImportTimeout;

    /// <summary>The longest pause between status polls while an import is due to end (shorter when the run's imports are short).</summary>
    public TimeSpan PollMinimum { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between status polls of an import that runs far longer than the run's others.</summary>
    public TimeSpan PollMaximum { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The catalog lease: how long to wait for another run's, how long it lasts, how often it is renewed.</summary>
    public Leases.LeaseOptions Lease { get; init; } = new();

    /// <summary>Retries and resume of the download when the bytes pass through us (the mirror's settings).</summary>
    public Transfer.UpstreamOptions Upstream { get; init; } = new();
}
