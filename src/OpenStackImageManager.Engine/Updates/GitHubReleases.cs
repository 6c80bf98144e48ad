using OpenStackImageManager.Models;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>A release asset: its name, download URL and, where GitHub publishes one, its digest.</summary>
internal sealed record ReleaseAsset(string Name, string DownloadUrl, ImageChecksum? Digest);

/// <summary>A published release of the GitHub releases API.</summary>
internal sealed record GitHubRelease(string Tag, DateOnly Published, IReadOnlyList<ReleaseAsset> Assets);

/// <summary>
/// The GitHub REST API's release list (<c>GET /repos/{owner}/{repo}/releases</c>): tag, publication
/// date and assets. Drafts and pre-releases are not builds to ship and are left out.
/// </summary>
internal static class GitHubReleases
{
    public static IReadOnlyList<GitHubRelease> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UpdateSourceException($"the release list is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                var message = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
                throw new UpdateSourceException($"the release list is not a JSON array{(message is null ? string.Empty : $" (GitHub says: {message})")}.");
            }

            var releases = new List<GitHubRelease>();
            foreach (var release in document.RootElement.EnumerateArray())
            {
                if (Bool(release, "draft") || Bool(release, "prerelease") || String(release, "tag_name") is not { } tag
                    || String(release, "published_at") is not { } published
                    || !DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    continue;
                }

                var assets = new List<ReleaseAsset>();
                if (release.TryGetProperty("assets", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var asset in list.EnumerateArray())
                    {
                        if (String(asset, "name") is { } name && String(asset, "browser_download_url") is { } url)
                        {
                            ImageChecksum.TryParse(String(asset, "digest"), out var digest);
                            assets.Add(new ReleaseAsset(name, url, digest));
                        }
                    }
                }

                releases.Add(new GitHubRelease(tag, DateOnly.FromDateTime(when.UtcDateTime), assets));
            }

            return releases;
        }
    }

    /// <summary>The newest release (by publication) with an asset matching <paramref name="pattern"/>, and that asset.</summary>
    public static (GitHubRelease Release, ReleaseAsset Asset)? Newest(IReadOnlyList<GitHubRelease> releases, Regex pattern) =>
        releases.OrderByDescending(r => r.Published)
            .Select(r => (Release: r, Asset: r.Assets.FirstOrDefault(a => pattern.IsMatch(a.Name))))
            .Where(p => p.Asset is not null)
            .Select(p => ((GitHubRelease, ReleaseAsset)?)(p.Release, p.Asset!))
            .FirstOrDefault();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
