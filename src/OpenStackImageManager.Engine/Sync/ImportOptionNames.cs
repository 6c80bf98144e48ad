namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// How a front end spells the remedies of an <see cref="ImportRefusal"/>: the cmdlets name
/// <c>-ImportMethod</c>/<c>-ChecksumPolicy</c>, the command line its <c>--prefetch</c> values.
/// </summary>
public sealed record ImportOptionNames(string Stream, string Auto, string? AllowUnverified)
{
    /// <summary>Words of no front end, for the exception's own message.</summary>
    public static ImportOptionNames Neutral { get; } = new("streaming (glance-direct)", "the automatic choice", "a best-effort checksum policy");
}
