using System.Globalization;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>Plan items' old → new values as JSON-patch operations (one request per image).</summary>
internal static class PatchBuilder
{
    public static IReadOnlyList<PatchOperation> Build(IEnumerable<ImageChange> items)
    {
        // Later items win for the same pointer (a rotation item after a sync item for the same attribute).
        var operations = new Dictionary<string, PatchOperation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var change in item.Changes)
            {
                var operation = ToOperation(item.Kind, change);
                operations[operation.Path] = operation;
            }
        }

        return operations.Values.ToArray();
    }

    private static PatchOperation ToOperation(ImageChangeKind kind, PropertyChange change) => (kind, change.Name) switch
    {
        (ImageChangeKind.Rename, "name") => PatchOperation.Replace("name", change.NewValue),
        (ImageChangeKind.UpdateTags, "tags") => PatchOperation.Replace("tags", new JsonArray(Split(change.NewValue).Select(t => (JsonNode)JsonValue.Create(t)).ToArray())),
        (ImageChangeKind.UpdateMinDisk, "min_disk") => PatchOperation.Replace("min_disk", Int(change)),
        (ImageChangeKind.UpdateMinRam, "min_ram") => PatchOperation.Replace("min_ram", Int(change)),
        (ImageChangeKind.SetVisibility, "visibility") => PatchOperation.Replace("visibility", change.NewValue),
        (ImageChangeKind.SetHidden, "os_hidden") => PatchOperation.Replace("os_hidden", change.NewValue == "true"),
        // "add" replaces an existing property in Glance's v2.1 patch dialect; "remove" only what exists (else 409).
        (ImageChangeKind.UpdateProperties, _) when change.NewValue is null => PatchOperation.Remove(change.Name),
        (ImageChangeKind.UpdateProperties, _) => PatchOperation.Add(change.Name, change.NewValue),
        _ => throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"a {kind} item cannot change '{change.Name}'"),
    };

    internal static IEnumerable<string> Split(string? joined) =>
        (joined ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(PropertyChange change) => int.Parse(change.NewValue ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);
}
