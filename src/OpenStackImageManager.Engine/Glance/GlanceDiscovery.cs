using System.Text.Json;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>
/// From the catalog's image endpoint to the v2 base URL. An endpoint without a version is taken to
/// serve v2 under "v2/" without asking (every Glance of the last decade does, and a no-op run should
/// not pay a request for it); only when Glance answers as if there were no such API is the endpoint's
/// version document read, to say so clearly (see <see cref="GlanceApiCheck"/>).
/// </summary>
internal static partial class GlanceDiscovery
{
    internal static bool HasVersion(Uri endpoint) => VersionSuffix().IsMatch(endpoint.AbsolutePath.TrimEnd('/'));

    /// <summary>The endpoint's path without query, ending in "/".</summary>
    internal static Uri Root(Uri endpoint) => new(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");

    /// <summary>The v2 base URL: the endpoint itself when it names a version, else its "v2/" below it.</summary>
    internal static Uri BaseUrl(Uri endpoint) => HasVersion(endpoint) ? Root(endpoint) : new Uri(Root(endpoint), "v2/");

    /// <summary>Reads the version document at <paramref name="root"/>; fails with a configuration error unless it lists v2.</summary>
    internal static async Task RequireV2Async(HttpClient client, Uri root, string cloudOrigin, IOperationLog log, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, root);
        using var response = await HttpSend.SendAsync(client, request, "Glance", log, cancellationToken).ConfigureAwait(false);
        var versions = new List<JsonElement>();
        // Glance answers its version document with 300 Multiple Choices; anything else that is not JSON lists no version.
        if (response.IsSuccessStatusCode || (int)response.StatusCode == 300)
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array)
                {
                    versions = v.EnumerateArray().Select(x => x.Clone()).ToList();
                }
            }
            catch (JsonException)
            {
            }
        }

        var supported = versions.Any(x => x.ValueKind == JsonValueKind.Object
            && x.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.StartsWith("v2", StringComparison.OrdinalIgnoreCase)
            && x.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            && status.GetString()!.ToUpperInvariant() is "CURRENT" or "SUPPORTED");
        if (!supported)
        {
            throw new OpenStackException(OpenStackErrorKind.Configuration, $"{cloudOrigin}: the image endpoint {root} offers no Glance v2 API");
        }

        log.Verbose($"Image API: {root} lists Glance v2.");
    }

    [GeneratedRegex(@"/v2(\.\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSuffix();
}
