using System.Globalization;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// The dates the SCS conformance test reads: <c>YYYY-MM-DD</c>, <c>YYYY-MM-DD hh:mm[:ss]</c> and Glance's
/// <c>YYYY-MM-DDThh:mm:ssZ</c>, all UTC. Like Python's strptime, one-digit fields are accepted.
/// </summary>
internal static class ScsDates
{
    private static readonly string[] s_dates = ["yyyy-M-d'T'H:m:s'Z'", "yyyy-M-d H:m:s", "yyyy-M-d H:m", "yyyy-M-d"];

    /// <summary>The forms the standard allows in name markers of rotated images (<c>Name 20240603</c>).</summary>
    private static readonly string[] s_markers = ["yyyy-M-d", "yyyyMMdd"];

    public static DateTimeOffset? Parse(string? text) => Parse(text, s_dates);

    public static DateTimeOffset? ParseMarker(string? text) => Parse(text, s_markers);

    private static DateTimeOffset? Parse(string? text, string[] formats) =>
        text is not null && DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;
}
