namespace OpenStackImageManager.Engine.Transfer;

/// <summary>How patiently an upstream file is read. Tests shorten the delays.</summary>
public sealed record UpstreamOptions
{
    /// <summary>Attempts to open the file (connection faults, 408, 429, 5xx) before giving up.</summary>
    public int OpenAttempts { get; init; } = 5;

    /// <summary>How often an interrupted body is resumed (with a Range request) before giving up.</summary>
    public int ResumeAttempts { get; init; } = 10;

    /// <summary>First back-off delay of the retry policy; it doubles per attempt, with jitter, capped at <see cref="MaxDelay"/>. Also the pause before resuming a broken body.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A read that delivers nothing for this long counts as an interrupted connection.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
