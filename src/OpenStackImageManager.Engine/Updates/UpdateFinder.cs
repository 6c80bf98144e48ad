using System.Globalization;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Reads one <see cref="UpdateSource"/> and names its newest build. Requests per source:
/// DatedDirectory 2 (listing, manifest), PointerFile and ManifestPattern 2 (manifest, HEAD for
/// Last-Modified), GitHubRelease 1 (release list; 2 when the asset's checksum is a separate file).
/// </summary>
internal sealed partial class UpdateFinder(UpstreamWeb web)
{
    public Task<FoundBuild> FindAsync(UpdateSource source, IOperationLog log, CancellationToken cancellationToken) => source.Kind switch
    {
        UpdateSourceKind.DatedDirectory => FromDatedDirectoryAsync(source, log, cancellationToken),
        UpdateSourceKind.PointerFile => FromPointerAsync(source, log, cancellationToken),
        UpdateSourceKind.ManifestPattern => FromPatternAsync(source, log, cancellationToken),
        UpdateSourceKind.GitHubRelease => FromGitHubAsync(source, log, cancellationToken),
        _ => throw new UpdateSourceException($"Unknown source kind {source.Kind}."),
    };

    private async Task<FoundBuild> FromDatedDirectoryAsync(UpdateSource source, IOperationLog log, CancellationToken cancellationToken)
    {
        var fileName = Required(source.FileName, source, "FileName");
        var manifestName = Required(source.Manifest, source, "Manifest");
        var baseUrl = source.Location.EndsWith('/') ? source.Location : source.Location + "/";
        var listing = await web.GetTextAsync(baseUrl, log, cancellationToken).ConfigureAwait(false);
        var newest = DatedFolders.Newest(DatedFolders.Parse(listing.Body))
            ?? throw new UpdateSourceException($"{UpstreamWeb.Show(baseUrl)} lists no dated build folders (20260108/, release-20260108/, 20260108-2351/).");

        var manifestUrl = $"{baseUrl}{newest.Name}/{manifestName}";
        var entries = await ManifestAsync(manifestUrl, log, cancellationToken).ConfigureAwait(false);

        // Debian names the file in a build folder after the build: debian-12-genericcloud-amd64-20260717-2542.qcow2.
        var dot = fileName.LastIndexOf('.');
        var dated = dot > 0 ? $"{fileName[..dot]}-{newest.Stamp}{fileName[dot..]}" : $"{fileName}-{newest.Stamp}";
        var entry = ChecksumManifest.Find(entries, fileName) ?? ChecksumManifest.Find(entries, dated)
            ?? throw new UpdateSourceException($"{UpstreamWeb.Show(manifestUrl)} has no checksum for {fileName} (nor {dated}).");
        var name = entry.FileName[(entry.FileName.LastIndexOf('/') + 1)..];
        return new FoundBuild(newest.Version, newest.Date, $"{baseUrl}{newest.Name}/{name}", entry.Checksum,
            $"listing {UpstreamWeb.Show(baseUrl)} -> {newest.Name}/; manifest {manifestName} -> {name}");
    }

    private async Task<FoundBuild> FromPointerAsync(UpdateSource source, IOperationLog log, CancellationToken cancellationToken)
    {
        var fileName = Required(source.FileName, source, "FileName");
        var manifestUrl = Required(source.Manifest, source, "Manifest");
        var entries = await ManifestAsync(manifestUrl, log, cancellationToken).ConfigureAwait(false);

        // Rocky's per-file CHECKSUM names the dated file only: a manifest of one file is that file's.
        var entry = ChecksumManifest.Find(entries, fileName) ?? (entries.Select(e => e.FileName).Distinct().Count() == 1 ? entries[0] : null)
            ?? throw new UpdateSourceException($"{UpstreamWeb.Show(manifestUrl)} has no checksum for {fileName}.");

        // The pointer's bytes under their own, stable name when the manifest lists them twice
        // (AlmaLinux: ...-latest.x86_64.qcow2 and ...-9.6-20250522.x86_64.qcow2 with one digest), so the
        // written checksum keeps describing the written URL after upstream moves the pointer on.
        var stable = entries.FirstOrDefault(e => e.Checksum == entry.Checksum && e.FileName != fileName && !e.FileName.Contains("latest", StringComparison.OrdinalIgnoreCase))
            ?? (entry.FileName != fileName ? entry : null);
        var pointerUrl = source.Location + fileName;
        var url = stable is null ? pointerUrl : source.Location + stable.FileName[(stable.FileName.LastIndexOf('/') + 1)..];
        var (version, date, how) = await VersionOfAsync(pointerUrl, stable?.FileName, log, cancellationToken).ConfigureAwait(false);
        return new FoundBuild(version, date, url, entry.Checksum,
            $"manifest {UpstreamWeb.Show(manifestUrl)} -> {entry.FileName}{(stable is null ? string.Empty : $" (= {stable.FileName})")}; {how}");
    }

    private async Task<FoundBuild> FromPatternAsync(UpdateSource source, IOperationLog log, CancellationToken cancellationToken)
    {
        var pattern = Pattern(Required(source.FilePattern, source, "FilePattern"));
        var manifestUrl = Required(source.Manifest, source, "Manifest");
        var entries = await ManifestAsync(manifestUrl, log, cancellationToken).ConfigureAwait(false);
        var entry = entries.Where(e => pattern.IsMatch(e.FileName))
            .OrderBy(e => e.FileName, NaturalVersionComparer.Instance)
            .LastOrDefault()
            ?? throw new UpdateSourceException($"{UpstreamWeb.Show(manifestUrl)} names no file matching /{source.FilePattern}/.");
        var url = source.Location + entry.FileName;
        var (version, date, how) = await VersionOfAsync(url, entry.FileName, log, cancellationToken).ConfigureAwait(false);
        return new FoundBuild(version, date, url, entry.Checksum, $"manifest {UpstreamWeb.Show(manifestUrl)} -> {entry.FileName} (highest match); {how}");
    }

    private async Task<FoundBuild> FromGitHubAsync(UpdateSource source, IOperationLog log, CancellationToken cancellationToken)
    {
        var pattern = Pattern(Required(source.FilePattern, source, "FilePattern"));
        var list = await web.GetTextAsync(source.Location, log, cancellationToken).ConfigureAwait(false);
        if (list.IsHtml)
        {
            throw new UpdateSourceException($"{UpstreamWeb.Show(source.Location)} answered an HTML page, not the release list.");
        }

        var releases = GitHubReleases.Parse(list.Body);
        var (release, asset) = GitHubReleases.Newest(releases, pattern)
            ?? throw new UpdateSourceException($"none of the {releases.Count} published releases at {UpstreamWeb.Show(source.Location)} has an asset matching /{source.FilePattern}/.");
        var checksum = asset.Digest;
        var how = $"releases {UpstreamWeb.Show(source.Location)} -> {release.Tag} ({release.Published:yyyy-MM-dd}), asset {asset.Name}";
        if (checksum is null)
        {
            // Older releases publish no digest in the API; a "<asset>.sha256" next to the asset is the manifest then.
            var sidecar = release.Assets.FirstOrDefault(a => a.Name == asset.Name + ".sha256" || a.Name == asset.Name + ".sha512")
                ?? throw new UpdateSourceException($"release {release.Tag} publishes no checksum for {asset.Name} (no digest, no {asset.Name}.sha256).");
            var entries = await ManifestAsync(sidecar.DownloadUrl, log, cancellationToken).ConfigureAwait(false);
            checksum = (ChecksumManifest.Find(entries, asset.Name) ?? (entries.Count == 1 ? entries[0] : null))?.Checksum
                ?? throw new UpdateSourceException($"{sidecar.Name} of release {release.Tag} has no checksum for {asset.Name}.");
            how += $"; checksum {sidecar.Name}";
        }
        else
        {
            how += "; checksum: asset digest";
        }

        return new FoundBuild(release.Tag, release.Published, asset.DownloadUrl, checksum, how);
    }

    private async Task<IReadOnlyList<ManifestEntry>> ManifestAsync(string url, IOperationLog log, CancellationToken cancellationToken)
    {
        var text = await web.GetTextAsync(url, log, cancellationToken).ConfigureAwait(false);
        if (text.IsHtml)
        {
            throw new UpdateSourceException($"{UpstreamWeb.Show(url)} answered an HTML page, not a checksum manifest.");
        }

        var entries = ChecksumManifest.Parse(text.Body);
        return entries.Count > 0 ? entries : throw new UpdateSourceException($"{UpstreamWeb.Show(url)} is not a checksum manifest (no 'digest  file' or 'SHA256 (file) = digest' line).");
    }

    /// <summary>
    /// A pointer's version is the Last-Modified date of the file (the Python rule); without one, a
    /// <c>yyyyMMdd</c> date in the build's file name.
    /// </summary>
    private async Task<(string Version, DateOnly Date, string How)> VersionOfAsync(string url, string? fileName, IOperationLog log, CancellationToken cancellationToken)
    {
        if (await web.LastModifiedAsync(url, log, cancellationToken).ConfigureAwait(false) is { } modified)
        {
            var date = DateOnly.FromDateTime(modified.UtcDateTime);
            return (date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), date, $"version from Last-Modified {modified:R}");
        }

        if (fileName is not null && DateInName().Match(fileName) is { Success: true } match
            && DateOnly.TryParseExact(match.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var named))
        {
            return (match.Value, named, "version from the file name (no Last-Modified)");
        }

        throw new UpdateSourceException($"{UpstreamWeb.Show(url)} sends no Last-Modified date and its name carries none; the build has no version.");
    }

    private static Regex Pattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UpdateSourceException($"/{pattern}/ is not a regular expression: {e.Message}", e);
        }
    }

    private static string Required(string? value, UpdateSource source, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new UpdateSourceException($"The {source.Kind} source {source.Location} has no {what}.") : value;

    [GeneratedRegex(@"(?<!\d)20\d{6}(?!\d)")]
    private static partial Regex DateInName();
}
