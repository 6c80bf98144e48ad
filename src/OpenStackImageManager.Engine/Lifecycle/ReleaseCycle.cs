namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>
/// One release cycle of an endoflife.date product. <c>eol</c> and <c>extendedSupport</c> are a date
/// or a boolean there: <c>false</c> is "not yet" (null here), <c>true</c> is "ended, date unknown".
/// </summary>
public sealed record ReleaseCycle(string Cycle, DateOnly? ReleaseDate, DateOnly? Eol, bool EolReached, DateOnly? ExtendedSupport, bool ExtendedSupportReached, bool Lts)
{
    /// <summary>Whether the cycle is past the end date that counts (extended support where that is the product's rule).</summary>
    public bool IsPastEnd(DateOnly today, bool useExtendedSupport)
    {
        if (useExtendedSupport && (ExtendedSupport is not null || ExtendedSupportReached))
        {
            return ExtendedSupportReached || ExtendedSupport <= today;
        }

        return EolReached || Eol <= today;
    }

    /// <summary>The end date that counts, when one is known.</summary>
    public DateOnly? End(bool useExtendedSupport) => useExtendedSupport && ExtendedSupport is not null ? ExtendedSupport : Eol;

    public bool IsReleased(DateOnly today) => ReleaseDate is { } released && released <= today;
}
