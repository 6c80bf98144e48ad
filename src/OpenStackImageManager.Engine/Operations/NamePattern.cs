namespace OpenStackImageManager.Engine.Operations;

/// <summary>
/// The one wildcard dialect of the engine, PowerShell's <c>WildcardPattern</c> with
/// <c>IgnoreCase</c>: <c>*</c> any run of characters, <c>?</c> exactly one, <c>[abc]</c> and
/// <c>[a-z]</c> one of a set, a backtick takes the next character literally. A <c>[</c> without its
/// <c>]</c> is an error, as in PowerShell. Used for image names (Get-, Set-, Remove-GlanceImage) and
/// definition names (Get-ImageDefinition -Name) alike; the engine cannot use PowerShell's own type.
/// </summary>
public sealed class NamePattern
{
    private const char Escape = '`';

    private readonly Element[] _elements;

    public NamePattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        _elements = Parse(pattern);
    }

    public string Pattern { get; }

    /// <summary>True when <paramref name="pattern"/> holds an unescaped <c>*</c>, <c>?</c>, <c>[</c> or <c>]</c>.</summary>
    public static bool HasWildcards(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == Escape)
            {
                i++;
            }
            else if (pattern[i] is '*' or '?' or '[' or ']')
            {
                return true;
            }
        }

        return false;
    }

    public bool IsMatch(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Greedy matching that backtracks only to the last '*': linear in practice, never exponential.
        int p = 0, n = 0, starElement = -1, starName = 0;
        while (n < name.Length)
        {
            if (p < _elements.Length && _elements[p].Kind != ElementKind.AnyRun && _elements[p].Matches(name[n]))
            {
                p++;
                n++;
            }
            else if (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
            {
                starElement = p++;
                starName = n;
            }
            else if (starElement >= 0)
            {
                p = starElement + 1;
                n = ++starName;
            }
            else
            {
                return false;
            }
        }

        while (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
        {
            p++;
        }

        return p == _elements.Length;
    }

    public override string ToString() => Pattern;

    private static Element[] Parse(string pattern)
    {
        var elements = new List<Element>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    elements.Add(new Element(ElementKind.AnyRun, []));
                    break;
                case '?':
                    elements.Add(new Element(ElementKind.AnyOne, []));
                    break;
                case '[':
                    i = ParseSet(pattern, i, elements);
                    break;
                case Escape when i + 1 < pattern.Length:
                    elements.Add(Element.Literal(pattern[++i]));
                    break;
                default:
                    elements.Add(Element.Literal(c));
                    break;
            }
        }

        return [.. elements];
    }

    /// <summary>Reads <c>[...]</c> starting at <paramref name="open"/>; returns the index of its <c>]</c>.</summary>
    private static int ParseSet(string pattern, int open, List<Element> elements)
    {
        var ranges = new List<(char From, char To)>();
        var i = open + 1;
        while (i < pattern.Length && pattern[i] != ']')
        {
            var from = pattern[i] == Escape && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            var to = from;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                i += 2;
                to = pattern[i] == Escape && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            }

            ranges.Add((from, to));
            i++;
        }

        if (i >= pattern.Length || ranges.Count == 0)
        {
            throw new ArgumentException(
                $"The wildcard pattern '{pattern}' is not valid: the '[' at position {open + 1} {(i >= pattern.Length ? "has no closing ']'" : "encloses no character")}; escape a literal bracket with a backtick (`[).",
                nameof(pattern));
        }

        elements.Add(new Element(ElementKind.OneOf, [.. ranges]));
        return i;
    }

    private enum ElementKind
    {
        OneOf,
        AnyOne,
        AnyRun,
    }

    /// <summary>One position of the pattern; a literal is a set of one character.</summary>
    private readonly record struct Element(ElementKind Kind, (char From, char To)[] Ranges)
    {
        public static Element Literal(char c) => new(ElementKind.OneOf, [(c, c)]);

        public bool Matches(char c)
        {
            if (Kind == ElementKind.AnyOne)
            {
                return true;
            }

            var lower = char.ToLowerInvariant(c);
            var upper = char.ToUpperInvariant(c);
            foreach (var (from, to) in Ranges)
            {
                if ((lower >= char.ToLowerInvariant(from) && lower <= char.ToLowerInvariant(to))
                    || (upper >= char.ToUpperInvariant(from) && upper <= char.ToUpperInvariant(to)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
