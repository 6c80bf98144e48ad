using System.Text;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// Reads the subset of PowerShell data-file syntax a module manifest uses (hashtables, arrays,
/// quoted strings, $true/$false, numbers, comments), so manifest rules can be checked without pwsh.
/// Anything outside that subset is an error, not a silent guess.
/// </summary>
internal sealed class PowerShellDataFile
{
    private readonly string _text;
    private int _pos;

    private PowerShellDataFile(string text) => _text = text;

    internal static Dictionary<string, object?> Read(string path)
    {
        var reader = new PowerShellDataFile(File.ReadAllText(path));
        var value = reader.ReadValue();
        reader.SkipTrivia();
        if (reader._pos != reader._text.Length)
        {
            throw reader.Error("end of file");
        }

        return value as Dictionary<string, object?> ?? throw new FormatException($"{path}: the top level is not a hashtable.");
    }

    private object? ReadValue()
    {
        SkipTrivia();
        if (Peek("@{"))
        {
            return ReadHashtable();
        }

        if (Peek("@("))
        {
            return ReadArray();
        }

        if (Peek("'") || Peek("\""))
        {
            return ReadString();
        }

        if (Peek("$true"))
        {
            _pos += 5;
            return true;
        }

        if (Peek("$false"))
        {
            _pos += 6;
            return false;
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        return _pos > start ? _text[start.._pos] : throw Error("a value");
    }

    private Dictionary<string, object?> ReadHashtable()
    {
        _pos += 2;
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipTrivia(includeSeparators: true);
            if (Peek("}"))
            {
                _pos++;
                return table;
            }

            var keyStart = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            var key = _pos > keyStart ? _text[keyStart.._pos] : throw Error("a key");
            SkipTrivia();
            Expect("=");
            table[key] = ReadValue();
        }
    }

    private List<object?> ReadArray()
    {
        _pos += 2;
        var items = new List<object?>();
        while (true)
        {
            SkipTrivia(includeSeparators: true);
            if (Peek(")"))
            {
                _pos++;
                return items;
            }

            items.Add(ReadValue());
        }
    }

    private string ReadString()
    {
        var quote = _text[_pos++];
        var value = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == quote)
            {
                // A doubled quote is an escaped quote in both string kinds.
                if (_pos < _text.Length && _text[_pos] == quote)
                {
                    value.Append(quote);
                    _pos++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }

        throw Error("the end of a string");
    }

    private void SkipTrivia(bool includeSeparators = false)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (char.IsWhiteSpace(c) || (includeSeparators && (c == ',' || c == ';')))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private bool Peek(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private void Expect(string token)
    {
        if (!Peek(token))
        {
            throw Error($"'{token}'");
        }

        _pos += token.Length;
    }

    private FormatException Error(string expected)
    {
        var line = _text[.._pos].Count(c => c == '\n') + 1;
        return new FormatException($"Manifest line {line}: expected {expected}.");
    }
}

internal static class PowerShellDataFileExtensions
{
    internal static string? GetString(this Dictionary<string, object?> table, string key) =>
        table.TryGetValue(key, out var value) ? value as string : null;

    internal static string[] GetStrings(this Dictionary<string, object?> table, string key) =>
        table.TryGetValue(key, out var value) switch
        {
            false => throw new KeyNotFoundException($"The manifest has no {key}."),
            true when value is List<object?> list => list.Select(v => v as string ?? throw new FormatException($"{key} holds a non-string.")).ToArray(),
            true when value is string single => [single],
            _ => throw new FormatException($"{key} is not a list of strings."),
        };

    internal static Dictionary<string, object?> GetTable(this Dictionary<string, object?> table, string key) =>
        table.TryGetValue(key, out var value) && value is Dictionary<string, object?> nested
            ? nested
            : throw new KeyNotFoundException($"The manifest has no table {key}.");
}
