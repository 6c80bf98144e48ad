using System.Text.Json;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>From the catalog's image endpoint to the v2 base URL, asking the endpoint when it has no version.</summary>
internal static partial class GlanceDiscovery
{
    internal static bool HasVersion(Uri endpoint) => VersionSuffix().IsMatch(endpoint.AbsolutePath.TrimEnd('/'));

    internal static async Task<Uri> ResolveAsync(HttpClient client, Uri endpoint, string cloudOrigin, IOperationLog log, CancellationToken cancellationToken)
    {
        var root = new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        if (HasVersion(endpoint))
        {
            return root;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, root);
        using var response = await HttpSend.SendAsync(client, request, "Glance", log, cancellationToken).ConfigureAwait(false);
        // Glance answers its version document with 300 Multiple Choices.
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 300)
        {
            throw await ApiErrors.FromResponseAsync("Glance", response, [], cancellationToken).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var versions = document.RootElement.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().ToList()
            : [];
        var supported = versions.Any(x =>
            x.TryGetProperty("id", out var id) && id.GetString() is { } text && text.StartsWith("v2", StringComparison.OrdinalIgnoreCase)
            && x.TryGetProperty("status", out var status) && status.GetString() is "CURRENT" or "SUPPORTED" or "current" or "supported");
        if (!supported)
        {
            throw new OpenStackException(OpenStackErrorKind.Configuration, $"{cloudOrigin}: the image endpoint {root} offers no Glance v2 API");
        }

        var versioned = new Uri(root, "v2/");
        log.Verbose($"Image API: {versioned} (discovered from {root}).");
        return versioned;
    }

    [GeneratedRegex(@"/v2(\.\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSuffix();
}
