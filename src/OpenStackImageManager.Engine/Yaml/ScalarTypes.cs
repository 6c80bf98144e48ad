using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Yaml;

internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Int,
    Float,
    Date,
    Timestamp,
}

/// <summary>
/// What type an unquoted scalar has, by the YAML 1.1 rules of PyYAML's SafeLoader, which the Python
/// tool uses: so <c>yes</c> is a boolean, <c>24.04</c> a float and <c>2024-06-03</c> a date there,
/// and a catalog valid for it is valid here.
/// </summary>
internal static partial class ScalarTypes
{
    public static ScalarKind Resolve(YamlScalar scalar)
    {
        if (scalar.Tag is { } tag)
        {
            return tag switch
            {
                "tag:yaml.org,2002:str" or "!!str" => ScalarKind.String,
                "tag:yaml.org,2002:bool" or "!!bool" when BoolValue(scalar.Value) is not null => ScalarKind.Bool,
                "tag:yaml.org,2002:int" or "!!int" when IntPattern().IsMatch(scalar.Value) => ScalarKind.Int,
                "tag:yaml.org,2002:null" or "!!null" => ScalarKind.Null,
                _ => ScalarKind.String,
            };
        }

        return scalar.IsPlain ? ResolvePlain(scalar.Value) : ScalarKind.String;
    }

    public static ScalarKind ResolvePlain(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return ScalarKind.Null;
        }

        if (BoolValue(text) is not null)
        {
            return ScalarKind.Bool;
        }

        if (IntPattern().IsMatch(text))
        {
            return ScalarKind.Int;
        }

        if (FloatPattern().IsMatch(text))
        {
            return ScalarKind.Float;
        }

        if (DatePattern().IsMatch(text))
        {
            return ScalarKind.Date;
        }

        return TimestampPattern().IsMatch(text) ? ScalarKind.Timestamp : ScalarKind.String;
    }

    /// <summary>The boolean a YAML 1.1 bool literal stands for, or null when it is none.</summary>
    public static bool? BoolValue(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    /// <summary>Parses the date part of a date or timestamp scalar; null when it is no real date.</summary>
    public static DateOnly? DateValue(string text)
    {
        var match = DatePrefixPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month) && year >= 1
            ? new DateOnly(year, month, day)
            : null;
    }

    public static bool DatePatternMatches(string text) => DatePattern().IsMatch(text);

    public static bool IsDateOrTimestamp(string text) => DatePattern().IsMatch(text) || TimestampPattern().IsMatch(text);

    public static string Describe(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "a boolean",
        ScalarKind.Int => "an integer",
        ScalarKind.Float => "a number",
        ScalarKind.Date => "a date",
        ScalarKind.Timestamp => "a timestamp",
        _ => "a string",
    };

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefixPattern();
}
