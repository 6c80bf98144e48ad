using System.Text.Json;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>GET /v2/images/{id}/tasks: a failed conversion leaves the image importing and only its task says so.</summary>
internal sealed partial class GlanceClient
{
    public async Task<IReadOnlyList<ImageTask>> ListImageTasksAsync(string imageId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"images/{Escape(imageId)}/tasks", cancellationToken).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return tasks.EnumerateArray()
            .Select(t => new ImageTask(
                t.TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty,
                t.TryGetProperty("status", out var status) ? status.GetString() ?? string.Empty : string.Empty,
                t.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null))
            .ToArray();
    }
}

/// <summary>One import task of an image: pending, processing, success or failure.</summary>
internal sealed record ImageTask(string Id, string Status, string? Message);

/// <summary>GET /v2/info/import alone (the stores are not needed to import into the default store).</summary>
internal sealed partial class GlanceClient
{
    public async Task<IReadOnlyList<string>> GetImportMethodsAsync(CancellationToken cancellationToken)
    {
        using var import = await GetJsonAsync("info/import", cancellationToken).ConfigureAwait(false);
        return import.RootElement.TryGetProperty("import-methods", out var m) && m.TryGetProperty("value", out var values)
            ? values.EnumerateArray().Select(v => v.GetString()).OfType<string>().ToArray()
            : [];
    }
}

/// <summary>
/// GET /v2/images?id=in:a,b,c: the current state of several images in one request (the import
/// monitor's one poll for every import of a run in flight). Images the listing does not show
/// (hidden, deleted, another project's) are simply absent; the caller reads those one by one.
/// </summary>
internal sealed partial class GlanceClient
{
    /// <summary>Ids per request: 40 UUIDs keep the URL well under 2 KiB.</summary>
    internal const int IdsPerListing = 40;

    public async Task<IReadOnlyList<GlanceImage>> ListImagesByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<GlanceImage>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerListing))
        {
            var filter = Uri.EscapeDataString("in:" + string.Join(',', chunk));
            using var document = await GetJsonAsync($"images?limit={chunk.Length}&id={filter}", cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
            {
                found.AddRange(images.EnumerateArray().Select(i => ImageJson.Parse(i, Cloud)));
            }
        }

        return found;
    }
}
