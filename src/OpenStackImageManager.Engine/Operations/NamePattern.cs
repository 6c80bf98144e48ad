using System.Text;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Operations;

/// <summary>PowerShell-style wildcards (*, ?, [abc]) for image names, case-insensitive as PowerShell's are.</summary>
internal sealed class NamePattern
{
    private readonly Regex _regex;

    public NamePattern(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': text.Append(".*"); break;
                case '?': text.Append('.'); break;
                case '`' when i + 1 < pattern.Length: text.Append(Regex.Escape(pattern[++i].ToString())); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close > i + 1)
                    {
                        text.Append('[').Append(pattern[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                        i = close;
                    }
                    else
                    {
                        text.Append("\\[");
                    }

                    break;
                default: text.Append(Regex.Escape(c.ToString())); break;
            }
        }

        _regex = new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public static bool HasWildcards(string pattern) => pattern.IndexOfAny(['*', '?', '[']) >= 0;

    public bool IsMatch(string name) => _regex.IsMatch(name);
}
