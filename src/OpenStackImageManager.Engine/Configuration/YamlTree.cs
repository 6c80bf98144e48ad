using System.Globalization;
using OpenStackImageManager.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>clouds.yaml / secure.yaml read into plain dictionaries with string keys, and merged.</summary>
internal static class YamlTree
{
    private static readonly IDeserializer s_deserializer = new DeserializerBuilder().Build();

    internal static Dictionary<string, object?> Read(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CloudConfigException($"{file} cannot be read: {ex.Message}", ex);
        }

        object? root;
        try
        {
            root = s_deserializer.Deserialize<object?>(text);
        }
        catch (YamlException ex)
        {
            throw new CloudConfigException(
                $"{file}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return root switch
        {
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            IDictionary<object, object?> map => Normalise(map),
            _ => throw new CloudConfigException($"{file}: expected a mapping with a 'clouds' key at the top"),
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
        parent is not null && parent.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static Dictionary<string, object?> Normalise(IDictionary<object, object?> map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty] = NormaliseValue(value);
        }

        return result;
    }

    private static object? NormaliseValue(object? value) => value switch
    {
        IDictionary<object, object?> map => Normalise(map),
        IList<object?> list => list.Select(NormaliseValue).ToList(),
        _ => value,
    };
}
