namespace OpenStackImageManager.Engine.Yaml;

/// <summary>
/// A YAML node with the position it starts at. Our own small tree instead of YamlDotNet's
/// representation model: it keeps duplicate-key, depth and alias-expansion checks in one place and
/// keeps YamlDotNet types out of everything past the reader.
/// </summary>
internal abstract class YamlNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Character offset of the node's first character in the text it was read from.</summary>
    public int StartIndex { get; init; }

    /// <summary>Character offset just past the node's last character (for a quoted scalar, past its closing quote).</summary>
    public int EndIndex { get; set; }

    /// <summary>Node count with aliases expanded; what a naive consumer would have to walk.</summary>
    public long ExpandedSize { get; protected set; } = 1;

    public abstract string KindName { get; }
}

internal sealed class YamlScalar(int line, int column, string value, bool isPlain, string? tag) : YamlNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Unquoted: its type follows from its text (YAML 1.1, as PyYAML reads it).</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>An explicit tag such as <c>!!str</c>, or null.</summary>
    public string? Tag { get; } = tag;

    public ScalarKind Kind => ScalarTypes.Resolve(this);

    /// <summary>How the scalar is written; a text edit writes its new value the same way.</summary>
    public ScalarQuoting Quoting { get; init; }

    public override string KindName => ScalarTypes.Describe(Kind);
}

internal sealed class YamlSequence(int line, int column) : YamlNode(line, column)
{
    public List<YamlNode> Items { get; } = [];

    public override string KindName => "a list";

    public void Add(YamlNode item)
    {
        Items.Add(item);
        ExpandedSize = SaturatingAdd(ExpandedSize, item.ExpandedSize);
    }

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

internal sealed class YamlMapping(int line, int column) : YamlNode(line, column)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];

    public override string KindName => "a mapping";

    public void Add(YamlScalar key, YamlNode value)
    {
        Entries.Add(new(key, value));
        ExpandedSize = YamlSequence.SaturatingAdd(ExpandedSize, YamlSequence.SaturatingAdd(1, value.ExpandedSize));
    }

    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}

/// <summary>How a scalar is written in the file.</summary>
internal enum ScalarQuoting
{
    Plain,
    SingleQuoted,
    DoubleQuoted,

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) block.</summary>
    Block,
}
