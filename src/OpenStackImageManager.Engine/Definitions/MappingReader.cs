using System.Globalization;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Typed, positioned access to the keys of one mapping. Every accessor reports its own problem
/// (missing, wrong type, not allowed) and returns null, so a definition collects all its problems
/// in one pass.
/// </summary>
internal sealed class MappingReader(YamlMapping mapping, string path, string owner, ProblemSink sink)
{
    public YamlMapping Mapping { get; } = mapping;

    public string Path { get; } = path;

    public ProblemSink Sink { get; } = sink;

    /// <summary>The path of <paramref name="key"/> below this mapping, printable whatever the key holds.</summary>
    public string KeyPath(string key) => Path.Length == 0 ? PrintableText.Escape(key) : $"{Path}.{PrintableText.Escape(key)}";

    /// <summary>Reports every key not in <paramref name="known"/>.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known, string where)
    {
        foreach (var (key, _) in Mapping.Entries)
        {
            if (known.Contains(key.Value))
            {
                continue;
            }

            // Keys are lower case; `Name` next to a missing `name` is the likeliest mistake, so say so.
            var shown = PrintableText.Escape(key.Value);
            var caseVariant = known.FirstOrDefault(k => string.Equals(k, key.Value, StringComparison.OrdinalIgnoreCase));
            Sink.Error(key, KeyPath(key.Value), caseVariant is null
                ? $"unknown key '{shown}' in {where}; expected one of: {string.Join(", ", known)}"
                : $"unknown key '{shown}' in {where}; keys are lower case: write '{caseVariant}'");
        }
    }

    public YamlNode? Node(string key, bool required)
    {
        var node = Mapping.Get(key);
        if (node is null && required)
        {
            Sink.Error(Mapping, KeyPath(key), $"{owner} is missing the required key '{key}'");
        }

        return node;
    }

    /// <summary>
    /// A string value. Every string is checked by <see cref="TextRules"/>; <paramref name="edgeSpaceAllowed"/>
    /// lets a separator or a password begin or end with a space.
    /// </summary>
    public string? String(string key, bool required, bool allowEmpty = true, bool edgeSpaceAllowed = false)
    {
        var node = Node(key, required);
        return node is null ? null : AsString(node, KeyPath(key), key, allowEmpty, edgeSpaceAllowed);
    }

    public string? AsString(YamlNode node, string keyPath, string key, bool allowEmpty, bool edgeSpaceAllowed = false)
    {
        if (node is not YamlScalar scalar)
        {
            Sink.Error(node, keyPath, $"'{key}' must be a string, found {node.KindName}");
            return null;
        }

        var kind = scalar.Kind;
        if (kind != ScalarKind.String)
        {
            var hint = kind == ScalarKind.Null ? string.Empty : $"; quote it: '{scalar.Value}'";
            Sink.Error(node, keyPath, $"'{key}' must be a string, found {ScalarTypes.Describe(kind)}{hint}");
            return null;
        }

        if (TextRules.Problem(scalar.Value, $"'{key}'", edgeSpaceAllowed) is { } problem)
        {
            Sink.Error(node, keyPath, problem);
            return null;
        }

        if (!allowEmpty && scalar.Value.Trim().Length == 0)
        {
            Sink.Error(node, keyPath, $"'{key}' must not be empty");
            return null;
        }

        return scalar.Value;
    }

    public bool? Bool(string key, bool required)
    {
        var node = Node(key, required);
        return node is null ? null : AsBool(node, KeyPath(key), key);
    }

    public bool? AsBool(YamlNode node, string keyPath, string key)
    {
        if (node is YamlScalar scalar && scalar.Kind == ScalarKind.Bool)
        {
            return ScalarTypes.BoolValue(scalar.Value);
        }

        Sink.Error(node, keyPath, $"'{key}' must be true or false, found {Shown(node)}{UnquoteHint(node, ScalarKind.Bool)}");
        return null;
    }

    public int? NonNegativeInt(string key, bool required)
    {
        var node = Node(key, required);
        return node is null ? null : AsNonNegativeInt(node, KeyPath(key), key);
    }

    public int? AsNonNegativeInt(YamlNode node, string keyPath, string key)
    {
        if (node is YamlScalar scalar && scalar.Kind == ScalarKind.Int
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= 0)
            {
                return value;
            }

            Sink.Error(node, keyPath, $"'{key}' must be 0 or more, found {value}");
            return null;
        }

        Sink.Error(node, keyPath, $"'{key}' must be a whole number (0 or more), found {Shown(node)}{UnquoteHint(node, ScalarKind.Int)}");
        return null;
    }

    public string? Enum(string key, bool required, IReadOnlyCollection<string> allowed, bool nullable = false)
    {
        var node = Node(key, required);
        return node is null ? null : AsEnum(node, KeyPath(key), key, allowed, nullable, out _);
    }

    /// <summary>An allowed word, or null (with <paramref name="isNull"/> set when null is allowed and given).</summary>
    public string? AsEnum(YamlNode node, string keyPath, string key, IReadOnlyCollection<string> allowed, bool nullable, out bool isNull)
    {
        isNull = false;
        if (node is YamlScalar scalar)
        {
            var kind = scalar.Kind;
            if (kind == ScalarKind.Null && nullable)
            {
                isNull = true;
                return null;
            }

            if (kind == ScalarKind.String && allowed.Contains(scalar.Value))
            {
                return scalar.Value;
            }
        }

        var choices = string.Join(", ", allowed) + (nullable ? " or null" : string.Empty);
        Sink.Error(node, keyPath, $"'{key}' must be one of {choices}; found {Shown(node)}");
        return null;
    }

    public string? Url(string key, bool required, Regex pattern, string expected)
    {
        var node = Node(key, required);
        return node is null ? null : AsUrl(node, KeyPath(key), key, pattern, expected);
    }

    public string? AsUrl(YamlNode node, string keyPath, string key, Regex pattern, string expected)
    {
        if (node is YamlScalar { Kind: ScalarKind.String } text && TextRules.UrlProblem(text.Value, $"'{key}'") is { } problem)
        {
            Sink.Error(node, keyPath, problem);
            return null;
        }

        if (node is YamlScalar scalar && scalar.Kind == ScalarKind.String && pattern.IsMatch(scalar.Value))
        {
            return scalar.Value;
        }

        Sink.Error(node, keyPath, $"'{key}' must be {expected}; found {Shown(node)}");
        return null;
    }

    /// <summary>How a value appears in a message: the text as written, or its kind for lists and mappings.</summary>
    public static string Shown(YamlNode node) => node switch
    {
        YamlScalar { Kind: ScalarKind.Null } => "null",
        YamlScalar scalar => $"'{PrintableText.Escape(Truncate(scalar.Value))}'",
        _ => node.KindName,
    };

    /// <summary>A quoted <c>'true'</c> or <c>"8"</c> is a string in YAML; say so, since it looks right.</summary>
    private static string UnquoteHint(YamlNode node, ScalarKind wanted) =>
        node is YamlScalar { IsPlain: false } scalar && ScalarTypes.ResolvePlain(scalar.Value) == wanted
            ? " (a quoted string; remove the quotes)"
            : string.Empty;

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
