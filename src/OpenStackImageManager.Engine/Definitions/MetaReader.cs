using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Validates a <c>meta</c> mapping and turns it into image properties: the strings Glance and Nova
/// expect (<c>true</c>/<c>false</c>, numbers and dates as written), never Python's <c>True</c> or
/// <c>None</c>: a null value means "no such property" and is left out.
/// </summary>
internal static class MetaReader
{
    /// <summary>
    /// The properties of <paramref name="key"/>, or null when it has errors. <paramref name="requireSchemaKeys"/>
    /// is true for the definition's meta; a version's meta only overrides and needs none of them.
    /// </summary>
    public static OrderedDictionary<string, string>? Read(MappingReader parent, string key, bool required, bool requireSchemaKeys)
    {
        var node = parent.Node(key, required);
        if (node is null)
        {
            return required ? null : [];
        }

        var path = parent.KeyPath(key);
        if (node is not YamlMapping mapping)
        {
            parent.Sink.Error(node, path, $"'{key}' must be a mapping of property names to values, found {node.KindName}");
            return null;
        }

        var errorsBefore = parent.Sink.ErrorCount;
        var reader = new MappingReader(mapping, path, $"'{key}'", parent.Sink);
        var properties = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Entries)
        {
            var text = ReadProperty(reader, name, value);
            if (text is not null)
            {
                properties[name.Value] = text;
            }
        }

        if (requireSchemaKeys)
        {
            foreach (var rule in MetaSchema.Rules.Where(r => r.Required))
            {
                reader.Node(rule.Key, required: true);
            }
        }

        return parent.Sink.ErrorCount == errorsBefore ? properties : null;
    }

    private static string? ReadProperty(MappingReader reader, YamlScalar name, YamlNode value)
    {
        var key = name.Value;
        var path = reader.KeyPath(key);
        if (MetaSchema.IsReserved(key))
        {
            reader.Sink.Error(name, path, $"'{key}' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it");
            return null;
        }

        if (MetaSchema.Automatic.TryGetValue(key, out var source))
        {
            reader.Sink.Warning(name, path, $"'{key}' is set automatically from {source}; the value in meta is overwritten");
        }

        if (MetaSchema.ByKey.TryGetValue(key, out var rule))
        {
            return ReadKnown(reader, rule, value, path);
        }

        if (MetaSchema.SuggestionFor(key) is { } suggestion)
        {
            reader.Sink.Warning(name, path, $"unknown property '{key}'; did you mean '{suggestion}'? (it is sent to Glance as written)");
        }

        if (value is not YamlScalar scalar)
        {
            reader.Sink.Error(value, path, $"property '{key}' must be a single value (string, number or boolean), found {value.KindName}");
            return null;
        }

        return ToPropertyString(scalar);
    }

    private static string? ReadKnown(MappingReader reader, MetaRule rule, YamlNode value, string path)
    {
        var key = rule.Key;
        switch (rule.Kind)
        {
            case MetaValueKind.Enum:
                var word = reader.AsEnum(value, path, key, rule.Allowed, rule.Nullable, out _);
                return word;
            case MetaValueKind.String:
                return reader.AsString(value, path, key, allowEmpty: true);
            case MetaValueKind.Bool:
                return reader.AsBool(value, path, key) is { } flag ? (flag ? "true" : "false") : null;
            case MetaValueKind.NonNegativeInt:
                return reader.AsNonNegativeInt(value, path, key)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case MetaValueKind.NoneOrDate:
                // notice: updates until a deprecation notice (SCS image metadata; the Python schema lacks it).
                if (value is YamlScalar { Kind: ScalarKind.String, Value: "notice" } notice)
                {
                    return notice.Value;
                }

                return NoneOrDate(reader, value, path, key, "none, notice or a date (YYYY-MM-DD)");
            default:
                if (value is YamlScalar { Kind: ScalarKind.String } scalar
                    && (scalar.Value is "forever" or "notice" || DefinitionSchema.LastN().IsMatch(scalar.Value)))
                {
                    return scalar.Value;
                }

                return NoneOrDate(reader, value, path, key, "none, forever, notice, last-<N> (N ≥ 1) or a date (YYYY-MM-DD)");
        }
    }

    private static string? NoneOrDate(MappingReader reader, YamlNode value, string path, string key, string expected)
    {
        if (value is YamlScalar scalar && (scalar.Value == "none" && scalar.Kind == ScalarKind.String
                                           || ScalarTypes.DatePatternMatches(scalar.Value) && ScalarTypes.DateValue(scalar.Value) is not null))
        {
            return scalar.Value;
        }

        reader.Sink.Error(value, path, $"'{key}' must be {expected}; found {MappingReader.Shown(value)}");
        return null;
    }

    /// <summary>The property string for a free-form value; null for a YAML null (no property).</summary>
    private static string? ToPropertyString(YamlScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Bool => ScalarTypes.BoolValue(scalar.Value) == true ? "true" : "false",
        _ => scalar.Value,
    };
}
