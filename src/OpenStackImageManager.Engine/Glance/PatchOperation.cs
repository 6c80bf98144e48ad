using System.Text.Json.Nodes;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>One operation of a Glance JSON patch (media type application/openstack-images-v2.1-json-patch).</summary>
internal sealed record PatchOperation(string Op, string Path, JsonNode? Value = null)
{
    public static PatchOperation Add(string attribute, JsonNode? value) => new("add", Pointer(attribute), value);

    public static PatchOperation Replace(string attribute, JsonNode? value) => new("replace", Pointer(attribute), value);

    public static PatchOperation Remove(string attribute) => new("remove", Pointer(attribute));

    /// <summary>A JSON pointer to a top-level attribute; '~' and '/' escaped as RFC 6901 says.</summary>
    internal static string Pointer(string attribute) => "/" + attribute.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    internal JsonObject ToJson()
    {
        var node = new JsonObject { ["op"] = Op, ["path"] = Path };
        if (Op != "remove")
        {
            node["value"] = Value?.DeepClone();
        }

        return node;
    }

    public override string ToString() => Op == "remove" ? $"{Op} {Path}" : $"{Op} {Path} = {Value?.ToJsonString()}";
}
