namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Orders version labels the way Python's <c>natsort</c> (default settings) does, which decides
/// what the Python tool calls the newest version: runs of digits compare as numbers
/// (<c>'9'</c> &lt; <c>'10'</c>, <c>1877.5</c> &lt; <c>1877.10</c>), other runs as ordinal text,
/// and a number sorts before text (so <c>latest</c> comes after every numeric version).
/// </summary>
internal sealed class NaturalVersionComparer : IComparer<string>
{
    public static readonly NaturalVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var xDigit = char.IsAsciiDigit(x[i]);
            var yDigit = char.IsAsciiDigit(y[j]);
            if (xDigit != yDigit)
            {
                return xDigit ? -1 : 1;
            }

            var xEnd = RunEnd(x, i, xDigit);
            var yEnd = RunEnd(y, j, yDigit);
            var result = xDigit
                ? CompareNumbers(x.AsSpan(i, xEnd - i), y.AsSpan(j, yEnd - j))
                : x.AsSpan(i, xEnd - i).SequenceCompareTo(y.AsSpan(j, yEnd - j));
            if (result != 0)
            {
                return Math.Sign(result);
            }

            i = xEnd;
            j = yEnd;
        }

        // One is a prefix of the other in chunks; the shorter sorts first, as a shorter tuple does.
        return (x.Length - i).CompareTo(y.Length - j) switch
        {
            0 => string.CompareOrdinal(x, y),
            var c => Math.Sign(c),
        };
    }

    private static int RunEnd(string text, int start, bool digits)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]) == digits)
        {
            end++;
        }

        return end;
    }

    /// <summary>Compares digit runs of any length without overflow: by magnitude, then digit by digit.</summary>
    private static int CompareNumbers(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        x = x.TrimStart('0');
        y = y.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }
}
