using System.Globalization;
using System.Text.Json;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>Glance's image JSON to <see cref="GlanceImage"/>: core attributes typed, every other one a string property.</summary>
internal static class ImageJson
{
    /// <summary>Attributes that are typed members of GlanceImage, or links that are not image data.</summary>
    internal static readonly HashSet<string> CoreAttributes = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "os_hidden", "protected", "tags", "disk_format", "container_format",
        "size", "virtual_size", "checksum", "os_hash_algo", "os_hash_value", "owner", "min_disk", "min_ram",
        "created_at", "updated_at", "self", "file", "schema", "locations", "direct_url",
    };

    internal static GlanceImage Parse(JsonElement image, string? cloud)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in image.EnumerateObject())
        {
            if (!CoreAttributes.Contains(property.Name) && AsText(property.Value) is { } text)
            {
                properties[property.Name] = text;
            }
        }

        return new GlanceImage
        {
            Id = Str(image, "id") ?? string.Empty,
            Name = Str(image, "name") ?? string.Empty,
            Status = Str(image, "status") ?? string.Empty,
            Visibility = Str(image, "visibility") ?? string.Empty,
            Hidden = Bool(image, "os_hidden"),
            Protected = Bool(image, "protected"),
            Tags = image.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToArray()
                : [],
            Properties = properties,
            DiskFormat = Str(image, "disk_format"),
            ContainerFormat = Str(image, "container_format"),
            Size = Long(image, "size"),
            VirtualSize = Long(image, "virtual_size"),
            Checksum = Str(image, "checksum"),
            HashAlgorithm = Str(image, "os_hash_algo"),
            HashValue = Str(image, "os_hash_value"),
            Owner = Str(image, "owner"),
            MinDisk = (int)(Long(image, "min_disk") ?? 0),
            MinRam = (int)(Long(image, "min_ram") ?? 0),
            CreatedAt = Date(image, "created_at"),
            UpdatedAt = Date(image, "updated_at"),
            Cloud = cloud,
        };
    }

    /// <summary>A property value as Glance and Nova read it: strings as they are, booleans lower case, null dropped.</summary>
    internal static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True
            || (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d
            : null;
}
