using System.Text.RegularExpressions;

namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Reads "## SYNTAX": one "### SetName" or "### SetName (Default)" per parameter set, each with the
/// syntax line in a fenced block. A page with one set may omit the "###" heading.
/// </summary>
internal sealed partial class SyntaxParser(CommandPageParser page)
{
    /// <summary>The name PowerShell gives the only parameter set of a cmdlet that declares none.</summary>
    internal const string AllParameterSets = "__AllParameterSets";

    internal IReadOnlyList<SyntaxSet> Parse(PageSection section)
    {
        var sets = new List<SyntaxSet>();
        var subsections = section.Subsections(out var preamble);
        if (subsections.Count == 0)
        {
            sets.Add(Set(AllParameterSets, true, section.Line, preamble));
        }

        foreach (var subsection in subsections)
        {
            var isDefault = subsection.Heading.EndsWith("(Default)", StringComparison.Ordinal);
            var name = isDefault ? subsection.Heading[..^"(Default)".Length].Trim() : subsection.Heading;
            sets.Add(Set(name, isDefault || subsections.Count == 1, subsection.Line, subsection.Body));
        }

        if (sets.Count(s => s.IsDefault) != 1)
        {
            throw page.Error(section.Line, "with several parameter sets exactly one heading must end with '(Default)'.");
        }

        return sets;
    }

    private SyntaxSet Set(string name, bool isDefault, int line, IEnumerable<PageLine> body)
    {
        var code = body.SkipWhile(l => !l.IsFence).Skip(1).TakeWhile(l => !l.IsFence).ToArray();
        if (code.Length == 0)
        {
            throw page.Error(line, $"parameter set '{name}' has no syntax line in a fenced block.");
        }

        var names = code.SelectMany(l => ParameterToken().Matches(l.Text)).Select(m => m.Groups["name"].Value).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw page.Error(line, $"parameter set '{name}' lists -{duplicate.Key} twice.");
        }

        return new SyntaxSet(name, isDefault, names, line);
    }

    // "-Name" after a space or "[" ("[-Path]", "[[-Path] <String[]>]"); "<CommonParameters>" is not one.
    [GeneratedRegex(@"(?<=[\s\[])-(?<name>[A-Za-z]\w*)")]
    private static partial Regex ParameterToken();
}
