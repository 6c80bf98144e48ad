using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>How upstream builds are looked for. Every upstream URL can be redirected, so tests and offline sites point them elsewhere.</summary>
public sealed record UpdateOptions
{
    /// <summary>
    /// URL prefixes replaced before a request is sent (<c>https://cloud-images.ubuntu.com/</c> →
    /// <c>http://127.0.0.1:8000/ubuntu/</c>). The catalog is written with the original URLs.
    /// </summary>
    public IReadOnlyDictionary<string, string> UrlRewrites { get; init; } = new Dictionary<string, string>();

    /// <summary>Base of the GitHub REST API that release sources derived from github.com download URLs use.</summary>
    public Uri GitHubApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>Sent as a bearer token to <see cref="GitHubApiUrl"/> only (the anonymous rate limit is 60 requests an hour).</summary>
    public string? GitHubToken { get; init; }

    /// <summary>Releases read per GitHub request (the Python tool's --max-releases).</summary>
    public int MaxReleases { get; init; } = 10;

    /// <summary>Stream every new build through the transfer engine and compare it with the manifest before it is reported.</summary>
    public bool Verify { get; init; }

    /// <summary>Declared sources, by shortname; they replace what would be derived from the definition.</summary>
    public IReadOnlyList<UpdateSource> DeclaredSources { get; init; } = [];

    /// <summary>Retries and timeouts of the verifying download.</summary>
    public UpstreamOptions Upstream { get; init; } = new();

    /// <summary>Timeouts and retries of the small requests (listings, manifests, HEAD, release JSON).</summary>
    internal Http.HttpTransportOptions Http { get; init; } = new() { RequestTimeout = TimeSpan.FromSeconds(60), MaxRetries = 3 };

    /// <summary>What a record prints: every option but the token, so logging the options never shows it.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"GitHubApiUrl = {GitHubApiUrl}, GitHubToken = {(GitHubToken is null ? "(none)" : "***")}, MaxReleases = {MaxReleases}, ");
        builder.Append($"Verify = {Verify}, UrlRewrites = {UrlRewrites.Count}, DeclaredSources = {DeclaredSources.Count}");
        return true;
    }

    /// <summary>The URL a request for <paramref name="url"/> goes to: the longest matching rewrite applied.</summary>
    public string Rewrite(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var best = UrlRewrites.Where(r => url.StartsWith(r.Key, StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length).FirstOrDefault();
        return best.Key is null ? url : best.Value + url[best.Key.Length..];
    }
}
