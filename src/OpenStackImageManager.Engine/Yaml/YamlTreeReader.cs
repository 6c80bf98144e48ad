using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpenStackImageManager.Engine.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree with positions. Rejects what the Python
/// tool's loader would reject or silently mangle: several documents, duplicate keys (PyYAML keeps
/// the last one without a word), non-scalar keys, unknown aliases; and bounds depth and alias
/// expansion. Merge keys (<c>&lt;&lt;: *anchor</c>) work as in PyYAML.
/// </summary>
internal sealed class YamlTreeReader
{
    private const string MergeKey = "<<";

    private readonly YamlReadLimits _limits;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _open = new();
    private YamlNode? _root;

    private YamlTreeReader(YamlReadLimits limits) => _limits = limits;

    /// <summary>The document's root, or null for a file without content.</summary>
    public static YamlNode? Read(string text, YamlReadLimits limits, CancellationToken cancellationToken)
    {
        var reader = new YamlTreeReader(limits);
        var parser = new Parser(new StringReader(text));
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = parser.Current!;
                if (current is DocumentStart)
                {
                    documents++;
                    if (documents > 1)
                    {
                        throw new YamlReadException(Line(current.Start), Column(current.Start),
                            $"a second YAML document; {limits.FileKind} holds exactly one (remove the extra '---')");
                    }
                }

                reader.Accept(current);
            }
        }
        catch (YamlException ex)
        {
            throw Translate(ex, text);
        }

        return reader._root;
    }

    private void Accept(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                var node = new YamlScalar(Line(scalar.Start), Column(scalar.Start), scalar.Value,
                    scalar.Style == ScalarStyle.Plain, scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value)
                {
                    StartIndex = Index(scalar.Start),
                    EndIndex = Index(scalar.End),
                    Quoting = scalar.Style switch
                    {
                        ScalarStyle.SingleQuoted => ScalarQuoting.SingleQuoted,
                        ScalarStyle.DoubleQuoted => ScalarQuoting.DoubleQuoted,
                        ScalarStyle.Literal or ScalarStyle.Folded => ScalarQuoting.Block,
                        _ => ScalarQuoting.Plain,
                    },
                };
                Remember(scalar.Anchor, node);
                Attach(node);
                break;
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new YamlReadException(Line(alias.Start), Column(alias.Start),
                        $"alias '*{PrintableText.Escape(alias.Value.Value)}' refers to no anchor defined before it");
                }

                Attach(target, Line(alias.Start), Column(alias.Start));
                break;
            case SequenceStart sequenceStart:
                Open(new YamlSequence(Line(sequenceStart.Start), Column(sequenceStart.Start)) { StartIndex = Index(sequenceStart.Start) }, sequenceStart);
                Remember(sequenceStart.Anchor, _open.Peek().Node);
                break;
            case MappingStart mappingStart:
                Open(new YamlMapping(Line(mappingStart.Start), Column(mappingStart.Start)) { StartIndex = Index(mappingStart.Start) }, mappingStart);
                Remember(mappingStart.Anchor, _open.Peek().Node);
                break;
            case SequenceEnd or MappingEnd:
                var frame = _open.Pop();
                frame.ApplyMerges();
                frame.Node.EndIndex = LastEnd(frame.Node, Index(current.Start));
                Attach(frame.Node);
                break;
        }
    }

    private void Open(YamlNode node, ParsingEvent start)
    {
        if (_open.Count >= _limits.MaxDepth)
        {
            throw new YamlReadException(Line(start.Start), Column(start.Start),
                $"nesting deeper than {_limits.MaxDepth} levels; {_limits.DepthHint}");
        }

        _open.Push(new Frame(node));
    }

    private void Remember(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private void Attach(YamlNode node, int? line = null, int? column = null)
    {
        if (_open.Count == 0)
        {
            _root = node;
            CheckSize(node, line ?? node.Line, column ?? node.Column);
            return;
        }

        _open.Peek().Add(node, line ?? node.Line, column ?? node.Column);
        CheckSize(_open.Peek().Node, line ?? node.Line, column ?? node.Column);
    }

    private void CheckSize(YamlNode node, int line, int column)
    {
        // Aliases are attached by reference, so memory stays small; the expanded size is what a
        // consumer walking the tree would pay, and it grows exponentially in a "billion laughs" file.
        if (node.ExpandedSize > _limits.MaxExpandedNodes)
        {
            throw new YamlReadException(line, column,
                $"aliases expand the document to more than {_limits.MaxExpandedNodes:N0} nodes (an alias bomb?)");
        }
    }

    /// <summary>
    /// YamlDotNet's fault as ours. A tab in indentation is reported where the tab is: YamlDotNet
    /// notices it only at the token before, which points the user at the wrong line.
    /// </summary>
    private static YamlReadException Translate(YamlException ex, string text)
    {
        if (FirstIndentationTab(text, Line(ex.End) + 1) is { } tab)
        {
            return new YamlReadException(tab.Line, tab.Column, "tab character in indentation; YAML allows only spaces there");
        }

        // YamlDotNet's message may start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is ours to give.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 ? message[(cut + 3)..] : message;
        message = message.TrimEnd('.');
        if (message.EndsWith("found invalid mapping", StringComparison.Ordinal))
        {
            message = "': ' inside an unquoted value; quote the value if the colon belongs to it";
        }

        return new YamlReadException(Line(ex.Start), Column(ex.Start), "YAML syntax: " + message);
    }

    private static (int Line, int Column)? FirstIndentationTab(string text, int lastLine)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length && line <= lastLine; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\t' && text.AsSpan(lineStart, i - lineStart).Trim(' ').IsEmpty)
            {
                return (line, i - lineStart + 1);
            }
        }

        return null;
    }

    private static int Index(Mark mark) => (int)Math.Min(mark.Index, int.MaxValue);

    /// <summary>
    /// Where a collection's text ends: past its last child. A block collection's end event sits at the
    /// next token, after any comments and blank lines that follow, which belong to what comes next.
    /// </summary>
    private static int LastEnd(YamlNode node, int endEvent) => node switch
    {
        YamlMapping { Entries.Count: > 0 } mapping => Math.Max(mapping.Entries[^1].Value.EndIndex, mapping.Entries[^1].Key.EndIndex),
        YamlSequence { Items.Count: > 0 } sequence => sequence.Items[^1].EndIndex,
        _ => endEvent,
    };

    private static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    /// <summary>An open sequence or mapping; for mappings, the key waiting for its value.</summary>
    private sealed class Frame(YamlNode node)
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly List<YamlNode> _merges = [];
        private YamlScalar? _pendingKey;

        public YamlNode Node { get; } = node;

        public void Add(YamlNode node, int line, int column)
        {
            if (Node is YamlSequence sequence)
            {
                sequence.Add(node);
                return;
            }

            var mapping = (YamlMapping)Node;
            if (_pendingKey is null)
            {
                if (node is not YamlScalar key)
                {
                    throw new YamlReadException(line, column, $"a mapping key must be a plain value, not {node.KindName}");
                }

                if (key.IsPlain && key.Value == MergeKey)
                {
                    _pendingKey = key;
                    return;
                }

                if (!_keys.Add(key.Value))
                {
                    var first = mapping.Entries.First(e => e.Key.Value == key.Value).Key;
                    throw new YamlReadException(line, column,
                        $"duplicate key '{PrintableText.Escape(key.Value)}' (first defined at line {first.Line}); a key may appear once per mapping");
                }

                _pendingKey = key;
                return;
            }

            if (_pendingKey.IsPlain && _pendingKey.Value == MergeKey && !_keys.Contains(MergeKey))
            {
                CollectMerge(node, line, column);
            }
            else
            {
                mapping.Add(_pendingKey, node);
            }

            _pendingKey = null;
        }

        /// <summary>Merged entries fill in keys the mapping does not set itself, wherever the <c>&lt;&lt;</c> stands.</summary>
        public void ApplyMerges()
        {
            if (Node is not YamlMapping mapping)
            {
                return;
            }

            foreach (var source in _merges)
            {
                foreach (var entry in ((YamlMapping)source).Entries)
                {
                    if (_keys.Add(entry.Key.Value))
                    {
                        mapping.Add(entry.Key, entry.Value);
                    }
                }
            }
        }

        private void CollectMerge(YamlNode node, int line, int column)
        {
            var sources = node is YamlSequence list ? list.Items : [node];
            foreach (var source in sources)
            {
                if (source is not YamlMapping)
                {
                    throw new YamlReadException(line, column, $"a merge key '<<' takes a mapping or a list of mappings, not {source.KindName}");
                }

                _merges.Add(source);
            }
        }
    }
}
