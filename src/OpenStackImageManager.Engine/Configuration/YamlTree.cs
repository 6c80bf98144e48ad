using System.Globalization;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// clouds.yaml / secure.yaml read by the one hardened YAML reader (<see cref="YamlFileReader"/>:
/// duplicate keys refused, size, depth and alias limits, positions in every error) and turned into
/// dictionaries with string keys that secure.yaml and <c>OS_*</c> variables can be merged into.
/// Scalars stay <see cref="SettingValue"/>s, so the parser can still say where a bad one stands.
/// </summary>
internal static class YamlTree
{
    internal static Dictionary<string, object?> Read(string file)
    {
        var root = YamlFileReader.ReadSettings(file, static (message, inner) => new CloudConfigException(message, inner));
        return root switch
        {
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            YamlMapping map => Normalise(map, file),
            _ => throw new CloudConfigException($"{file}:{root.Line}:{root.Column}: expected a mapping with a 'clouds' key at the top"),
        };
    }

    /// <summary>Copies <paramref name="overlay"/> into <paramref name="target"/>, mappings merged key by key.</summary>
    internal static void Merge(Dictionary<string, object?> target, Dictionary<string, object?> overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is Dictionary<string, object?> child && target.TryGetValue(key, out var existing)
                && existing is Dictionary<string, object?> existingChild)
            {
                Merge(existingChild, child);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    internal static Dictionary<string, object?>? Map(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    internal static string? Text(Dictionary<string, object?>? parent, string key) =>
        parent is not null && parent.TryGetValue(key, out var value) ? TextOf(value) : null;

    /// <summary>The text of a scalar from a file or a variable; null for anything else.</summary>
    internal static string? TextOf(object? value) => value switch
    {
        SettingValue setting => setting.Text,
        string text => text,
        bool flag => flag ? "true" : "false",
        _ => null,
    };

    private static Dictionary<string, object?> Normalise(YamlMapping map, string file)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            result[key.Value] = NormaliseValue(value, file);
        }

        return result;
    }

    private static object? NormaliseValue(YamlNode value, string file) => value switch
    {
        YamlMapping map => Normalise(map, file),
        YamlSequence list => list.Items.Select(item => NormaliseValue(item, file)).ToList(),
        YamlScalar { Kind: ScalarKind.Null } => null,
        YamlScalar scalar => new SettingValue(scalar.Value, scalar.Kind, file, scalar.Line, scalar.Column),
        _ => null,
    };
}
