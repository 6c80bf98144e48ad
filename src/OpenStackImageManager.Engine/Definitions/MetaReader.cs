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
    /// The properties of <paramref name="key"/>, or null when it has errors. <paramref name="definitionMeta"/>
    /// is null for the definition's meta, which must hold the schema's required keys; a version's meta
    /// only overrides (it gets the definition's meta, whose keys it may not repeat in another case).
    /// </summary>
    public static OrderedDictionary<string, string>? Read(MappingReader parent, string key, bool required, IReadOnlyDictionary<string, string>? definitionMeta)
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
        var folded = new Dictionary<string, YamlScalar>(StringComparer.OrdinalIgnoreCase);
        var inVersion = definitionMeta is not null;
        foreach (var (name, value) in mapping.Entries)
        {
            if (!KeyAllowed(reader, name, inVersion, folded, definitionMeta))
            {
                continue;
            }

            var text = ReadProperty(reader, name, value);
            if (text is not null && GlanceLimits.Utf8Bytes(text) > GlanceLimits.PropertyValueBytes)
            {
                reader.Sink.Error(value, reader.KeyPath(name.Value),
                    $"property '{PrintableText.Escape(name.Value)}' is {GlanceLimits.Utf8Bytes(text):N0} bytes long; Glance stores at most {GlanceLimits.PropertyValueBytes:N0}");
            }
            else if (text is not null)
            {
                properties[name.Value] = text;
            }
        }

        if (!inVersion)
        {
            foreach (var rule in MetaSchema.Rules.Where(r => r.Required))
            {
                reader.Node(rule.Key, required: true);
            }

            foreach (var missing in MetaSchema.SchemaDefaulted.Where(k => mapping.Get(k) is null))
            {
                reader.Sink.SchemaNotice(mapping, reader.KeyPath(missing),
                    $"'{missing}' is missing: no such property is set (the Python tool's schema requires it)");
            }
        }

        return parent.Sink.ErrorCount == errorsBefore ? properties : null;
    }

    /// <summary>
    /// Whether <paramref name="name"/> may be a property at all: printable, within Glance's length,
    /// not owned by Glance or derived by the tool (in any case), and not a case variant of a key the
    /// tool knows or of another key of this meta or the definition's.
    /// </summary>
    private static bool KeyAllowed(
        MappingReader reader, YamlScalar name, bool inVersion, Dictionary<string, YamlScalar> folded, IReadOnlyDictionary<string, string>? definitionMeta)
    {
        var key = name.Value;
        var shown = PrintableText.Escape(key);
        var path = reader.KeyPath(key);
        string? problem = null;
        if (key.Trim().Length == 0)
        {
            problem = "a property name must not be empty";
        }
        else if (TextRules.Problem(key, $"property name '{shown}'") is { } text)
        {
            problem = text;
        }
        else if (key.Length > GlanceLimits.PropertyKeyLength)
        {
            problem = $"property name '{PrintableText.Escape(key[..40])}...' is {key.Length} characters long; Glance allows at most {GlanceLimits.PropertyKeyLength}";
        }
        else if (MetaSchema.IsReserved(key))
        {
            problem = $"'{shown}' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it";
        }
        else if (MetaSchema.DerivedSource(key) is { } source)
        {
            problem = $"'{shown}' is set by the image manager from {source}, and cannot be set in meta (in any case); remove it";
        }
        else if (inVersion && string.Equals(key, MetaSchema.DescriptionKey, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{shown}' links images to their definition and can be set only in the definition's meta, not in a version's; move it there";
        }
        else if (MetaSchema.CaseVariantOf(key) is { } known)
        {
            problem = $"'{shown}' differs from '{known}' only in case; Glance does not tell property names apart by case: write '{known}'";
        }
        else if (folded.TryGetValue(key, out var first))
        {
            problem = $"'{shown}' differs from '{PrintableText.Escape(first.Value)}' (line {first.Line}) only in case; Glance does not tell property names apart by case";
        }
        else if (definitionMeta?.Keys.FirstOrDefault(k => !string.Equals(k, key, StringComparison.Ordinal)
                                                           && string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } inherited)
        {
            problem = $"'{shown}' differs from the definition's meta key '{PrintableText.Escape(inherited)}' only in case; Glance does not tell property names apart by case";
        }

        folded.TryAdd(key, name);
        if (problem is null)
        {
            return true;
        }

        reader.Sink.Error(name, path, problem);
        return false;
    }

    private static string? ReadProperty(MappingReader reader, YamlScalar name, YamlNode value)
    {
        var key = name.Value;
        var path = reader.KeyPath(key);
        if (MetaSchema.ByKey.TryGetValue(key, out var rule))
        {
            return ReadKnown(reader, rule, value, path);
        }

        var shown = PrintableText.Escape(key);
        if (MetaSchema.SuggestionFor(key) is { } suggestion)
        {
            reader.Sink.Warning(name, path, $"unknown property '{shown}'; did you mean '{suggestion}'? (it is sent to Glance as written)");
        }

        if (value is not YamlScalar scalar)
        {
            reader.Sink.Error(value, path, $"property '{shown}' must be a single value (string, number or boolean), found {value.KindName}");
            return null;
        }

        if (scalar.Kind == ScalarKind.String && TextRules.Problem(scalar.Value, $"property '{shown}'") is { } problem)
        {
            reader.Sink.Error(value, path, problem);
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
