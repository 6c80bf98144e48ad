using System.Net;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>How patiently an upstream file is read, and what may be read (<see cref="FetchPolicy"/>). Tests shorten the delays.</summary>
public sealed record UpstreamOptions
{
    /// <summary>Attempts to open the file (connection faults, 408, 429, 5xx) before giving up.</summary>
    public int OpenAttempts { get; init; } = 5;

    /// <summary>How often an interrupted body is resumed (with a Range request) before giving up.</summary>
    public int ResumeAttempts { get; init; } = 10;

    /// <summary>First back-off delay of the retry policy; it doubles per attempt, with jitter, capped at <see cref="MaxDelay"/>. Also the pause before resuming a broken body.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The idle timeout: a read that delivers no byte for this long counts as an interrupted connection
    /// (and an answer whose headers do not come within it as a failed attempt).
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest one upstream file may take as a whole, resumes included; null for no bound (a large
    /// image over a slow link takes as long as it takes). The user's <c>--upstream-timeout</c> / <c>-UpstreamTimeout</c>.
    /// </summary>
    public TimeSpan? TransferTimeout { get; init; }

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>, names or addresses) that may be loopback or link-local
    /// addresses; <see cref="FetchPolicy.AllowedHostsVariable"/> adds to them.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Folders below which <c>file:</c> sources may be read; the importer and the mirror add the catalog's folder.</summary>
    public IReadOnlyList<string> FileRoots { get; init; } = [];

    /// <summary>Replaces name resolution at connect time (tests: a name that resolves to a link-local address).</summary>
    internal Func<string, CancellationToken, Task<IPAddress[]>>? Resolver { get; init; }

    /// <summary>
    /// The user's bounds for upstream reads, the same for the cmdlets and the command line: the idle
    /// timeout (no byte for so long) and the overall bound of one file; null keeps the default. A bound
    /// under one second is an error.
    /// </summary>
    public UpstreamOptions WithTimeouts(TimeSpan? idle, TimeSpan? total)
    {
        if (idle is { } i && i < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(idle), i, "The upstream idle timeout must be at least 1 second.");
        }

        if (total is { } t && t < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(total), t, "The upstream timeout must be at least 1 second.");
        }

        return this with { ReadTimeout = idle ?? ReadTimeout, TransferTimeout = total ?? TransferTimeout };
    }

    /// <summary>These options with the folder of <paramref name="catalogFile"/> as a further file root.</summary>
    public UpstreamOptions WithCatalog(string? catalogFile)
    {
        if (string.IsNullOrWhiteSpace(catalogFile))
        {
            return this;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(catalogFile));
        return folder is null || FileRoots.Contains(folder) ? this : this with { FileRoots = [.. FileRoots, folder] };
    }
}
