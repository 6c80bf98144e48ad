using System.Globalization;
using System.Text;

namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>
/// A unified diff of two texts (<c>@@ -a,b +c,d @@</c> hunks, <c>-</c> before, <c>+</c> after, two
/// lines of context): what <c>-WhatIf</c> shows and the pull request body carries. The common head and
/// tail are cut first; a catalog edit changes a few neighbouring lines, so what is left is small.
/// </summary>
internal static class LineDiff
{
    private const int Context = 2;

    public static string Unified(string before, string after, string name)
    {
        var a = Lines(before);
        var b = Lines(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var ops = new List<(char Op, int A, int B)>();
        for (var i = 0; i < head; i++)
        {
            ops.Add((' ', i, i));
        }

        ops.AddRange(Middle(a, b, head, a.Length - tail, head, b.Length - tail));
        for (var i = 0; i < tail; i++)
        {
            ops.Add((' ', a.Length - tail + i, b.Length - tail + i));
        }

        return Render(ops, a, b, name);
    }

    /// <summary>A longest-common-subsequence alignment of the differing middle parts.</summary>
    private static IEnumerable<(char Op, int A, int B)> Middle(string[] a, string[] b, int a0, int a1, int b0, int b1)
    {
        int n = a1 - a0, m = b1 - b0;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[a0 + i] == b[b0 + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[a0 + x] == b[b0 + y])
            {
                yield return (' ', a0 + x++, b0 + y++);
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                yield return ('-', a0 + x++, b0 + y);
            }
            else
            {
                yield return ('+', a0 + x, b0 + y++);
            }
        }
    }

    private static string Render(List<(char Op, int A, int B)> ops, string[] a, string[] b, string name)
    {
        var text = new StringBuilder();
        text.Append("--- ").Append(name).Append('\n').Append("+++ ").Append(name).Append('\n');
        var i = 0;
        while (i < ops.Count)
        {
            var first = ops.FindIndex(i, o => o.Op != ' ');
            if (first < 0)
            {
                break;
            }

            var start = Math.Max(i, first - Context);
            var end = first;
            for (var k = first; k < ops.Count; k++)
            {
                if (ops[k].Op != ' ')
                {
                    end = k;
                }
                else if (k - end > 2 * Context)
                {
                    break;
                }
            }

            var stop = Math.Min(ops.Count, end + Context + 1);
            var hunk = ops.GetRange(start, stop - start);
            var aCount = hunk.Count(o => o.Op != '+');
            var bCount = hunk.Count(o => o.Op != '-');
            text.Append(CultureInfo.InvariantCulture, $"@@ -{hunk[0].A + 1},{aCount} +{hunk[0].B + 1},{bCount} @@\n");
            foreach (var (op, ai, bi) in hunk)
            {
                text.Append(op).Append(op == '+' ? b[bi] : a[ai]).Append('\n');
            }

            i = stop;
        }

        return text.ToString();
    }

    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
