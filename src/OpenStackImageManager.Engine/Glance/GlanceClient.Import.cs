using System.Text.Json;

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
