namespace OpenStackImageManager.Models;

/// <summary>One finding of the end-of-life and age check.</summary>
public sealed class LifecycleFinding
{
    public LifecycleFindingKind Kind { get; init; }

    /// <summary>The endoflife.date product (<c>ubuntu</c>, <c>rocky-linux</c>, ...).</summary>
    public required string Product { get; init; }

    /// <summary>The release cycle (<c>24.04</c>, <c>13</c>); for Aged the definition's os_version, when known.</summary>
    public string? Cycle { get; init; }

    /// <summary>The definitions concerned (EndOfLife, Aged); empty for NewRelease.</summary>
    public IReadOnlyList<string> Definitions { get; init; } = [];

    /// <summary>Release date for NewRelease, end of life for EndOfLife, the image's build date for Aged.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>For Aged: the image's name and id.</summary>
    public string? Image { get; init; }

    public required string Message { get; init; }

    public override string ToString() => Message;
}
