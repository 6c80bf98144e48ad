using System.Text.Json;

namespace OpenStackImageManager.Fault.Tests.Cloud;

/// <summary>An image as Glance lists it, read straight from the JSON (no engine type, so the check owes nothing to the code it checks).</summary>
public sealed record CloudImage(string Id, string Name, string Status, string Visibility, bool Hidden, long? Size, string? HashAlgorithm, string? HashValue, int MinDisk, int MinRam, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Properties)
{
    private static readonly HashSet<string> Core = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "os_hidden", "size", "os_hash_algo", "os_hash_value", "min_disk", "min_ram", "tags",
        "checksum", "container_format", "disk_format", "created_at", "updated_at", "owner", "protected", "virtual_size", "self", "file", "schema",
        "direct_url", "locations", "stores",
    };

    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;

    public override string ToString() => $"{Id} '{Name}' {Status} {Visibility}{(Hidden ? " hidden" : "")}";

    public static CloudImage From(JsonElement json)
    {
        string? Text(string key) => json.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int Number(string key) => json.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            if (!Core.Contains(member.Name))
            {
                properties[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
            }
        }

        var tags = json.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
        return new CloudImage(
            Text("id")!,
            Text("name") ?? string.Empty,
            Text("status") ?? string.Empty,
            Text("visibility") ?? string.Empty,
            json.TryGetProperty("os_hidden", out var hidden) && hidden.ValueKind == JsonValueKind.True,
            json.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null,
            Text("os_hash_algo"),
            Text("os_hash_value"),
            Number("min_disk"),
            Number("min_ram"),
            tags,
            properties);
    }
}
