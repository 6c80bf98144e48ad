using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>A dated build folder of a listing: <c>20260108/</c>, <c>release-20260105/</c>, <c>20260717-2542/</c>.</summary>
internal sealed record DatedFolder(string Name, DateOnly Date, int? Build)
{
    /// <summary>The folder's date as the catalog writes versions: <c>yyyyMMdd</c>.</summary>
    public string Version => Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The part a dated file name carries: <c>20260717-2542</c> (Debian), <c>20260108</c>.</summary>
    public string Stamp => Build is { } build ? $"{Version}-{build.ToString(CultureInfo.InvariantCulture)}" : Version;
}

/// <summary>
/// Dated build folders in a directory listing as Apache (<c>mod_autoindex</c>, Ubuntu) and nginx
/// (<c>autoindex</c>, Debian's mirrors) render them: every <c>href</c> to a folder whose name is a date,
/// with an optional <c>release-</c> prefix and build suffix. Other links (<c>current/</c>,
/// <c>latest/</c>, parents, sort links) are passed over.
/// </summary>
internal static partial class DatedFolders
{
    public static IReadOnlyList<DatedFolder> Parse(string listing)
    {
        var folders = new Dictionary<string, DatedFolder>(StringComparer.Ordinal);
        foreach (Match match in Href().Matches(listing))
        {
            if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            int? build = match.Groups["build"].Success ? int.Parse(match.Groups["build"].Value, CultureInfo.InvariantCulture) : null;
            var name = match.Groups["folder"].Value;
            folders[name] = new DatedFolder(name, date, build);
        }

        return folders.Values.OrderBy(f => f.Date).ThenBy(f => f.Build ?? -1).ToArray();
    }

    /// <summary>The newest folder: latest date, then highest build number.</summary>
    public static DatedFolder? Newest(IReadOnlyList<DatedFolder> folders) => folders.Count == 0 ? null : folders[^1];

    [GeneratedRegex(@"href\s*=\s*[""'](?:\./)?(?<folder>(?:release-)?(?<date>\d{8})(?:-(?<build>\d{1,9}))?)/[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
