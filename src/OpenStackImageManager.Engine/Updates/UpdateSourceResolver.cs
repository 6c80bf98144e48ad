using System.Text.RegularExpressions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Derives a definition's <see cref="UpdateSource"/> from what it declares, the way the Python
/// updater reads it, as data instead of one handler per distribution:
/// <list type="bullet">
/// <item><c>latest_url</c> with <c>HEREBE&lt;regex&gt;DRAGONS</c>: ManifestPattern;</item>
/// <item><c>latest_url</c> in a <c>current/</c>, <c>latest/</c> or <c>release/</c> folder: DatedDirectory, the listing one level up;</item>
/// <item>any other <c>latest_url</c>: PointerFile in <c>latest_checksum_url</c>;</item>
/// <item>no <c>latest_url</c>, versions downloaded from GitHub releases: GitHubRelease with the asset name as pattern.</item>
/// </list>
/// A declared source for the definition's shortname wins.
/// </summary>
internal static partial class UpdateSourceResolver
{
    private static readonly HashSet<string> s_pointerFolders = new(StringComparer.Ordinal) { "current", "latest", "release" };

    /// <summary>The source, or null when the definition declares nothing to find builds with.</summary>
    /// <exception cref="UpdateSourceException">The definition declares a source that cannot be used.</exception>
    public static UpdateSource? Resolve(ImageDefinition definition, UpdateOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (definition.ShortName is { } shortName && options.DeclaredSources.FirstOrDefault(s => s.ShortName == shortName) is { } declared)
        {
            return declared;
        }

        if (definition.LatestUrl is { } latest)
        {
            var manifest = definition.LatestChecksumUrl
                ?? throw new UpdateSourceException($"'{definition.Name}' has latest_url but no latest_checksum_url; a build is only taken with its checksum.");
            return FromLatestUrl(latest, manifest);
        }

        return FromGitHubDownloads(definition, options);
    }

    internal static UpdateSource FromLatestUrl(string latestUrl, string manifestUrl)
    {
        var dragons = latestUrl.IndexOf("HEREBE", StringComparison.Ordinal);
        if (dragons >= 0)
        {
            var end = latestUrl.LastIndexOf("DRAGONS", StringComparison.Ordinal);
            if (end < dragons)
            {
                throw new UpdateSourceException($"latest_url '{latestUrl}' has HEREBE without a closing DRAGONS.");
            }

            var folderEnd = latestUrl.LastIndexOf('/', dragons) + 1;
            var prefix = latestUrl[folderEnd..dragons];
            var pattern = "^" + Regex.Escape(prefix) + latestUrl[(dragons + "HEREBE".Length)..end];
            return new UpdateSource { Kind = UpdateSourceKind.ManifestPattern, Location = latestUrl[..folderEnd], FilePattern = pattern, Manifest = manifestUrl };
        }

        var slash = latestUrl.LastIndexOf('/');
        var fileName = latestUrl[(slash + 1)..];
        var folder = latestUrl[..slash];
        var parentSlash = folder.LastIndexOf('/');
        var folderName = folder[(parentSlash + 1)..];
        if (s_pointerFolders.Contains(folderName))
        {
            return new UpdateSource
            {
                Kind = UpdateSourceKind.DatedDirectory,
                Location = folder[..(parentSlash + 1)],
                FileName = fileName,
                Manifest = manifestUrl[(manifestUrl.LastIndexOf('/') + 1)..],
            };
        }

        return new UpdateSource { Kind = UpdateSourceKind.PointerFile, Location = folder + "/", FileName = fileName, Manifest = manifestUrl };
    }

    private static UpdateSource? FromGitHubDownloads(ImageDefinition definition, UpdateOptions options)
    {
        var current = definition.CurrentVersion;
        if (current is null || GitHubDownload().Match(current.Url) is not { Success: true } match)
        {
            return null;
        }

        var asset = match.Groups["asset"].Value;
        var api = options.GitHubApiUrl.ToString().TrimEnd('/');
        return new UpdateSource
        {
            Kind = UpdateSourceKind.GitHubRelease,
            Location = $"{api}/repos/{match.Groups["owner"].Value}/{match.Groups["repo"].Value}/releases?per_page={options.MaxReleases}",
            FilePattern = AssetPattern(asset, current.Version),
        };
    }

    /// <summary>
    /// The asset name with its version and build hash as wildcards:
    /// <c>openstack-gardener_prod-amd64-1877.10-3d56ba62.tar.xz</c> → <c>^openstack-gardener_prod-amd64-.+-[0-9a-f]+\.tar\.xz$</c>.
    /// </summary>
    internal static string AssetPattern(string asset, string version)
    {
        var escaped = Regex.Escape(asset);
        var at = asset.IndexOf(version, StringComparison.Ordinal);
        if (at >= 0)
        {
            escaped = Regex.Escape(asset[..at]) + "(?<version>.+?)" + Regex.Escape(asset[(at + version.Length)..]);
        }

        return "^" + BuildHash().Replace(escaped, "-[0-9a-f]+") + "$";
    }

    [GeneratedRegex(@"^https://github\.com/(?<owner>[^/]+)/(?<repo>[^/]+)/releases/download/[^/]+/(?<asset>[^/]+)$")]
    private static partial Regex GitHubDownload();

    [GeneratedRegex("-[0-9a-f]{7,40}(?=\\\\\\.)")]
    private static partial Regex BuildHash();
}
