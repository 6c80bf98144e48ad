namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// The SYNTAX section and the PARAMETERS section describe the same parameters twice; Get-Help builds
/// its syntax from the second, readers of the markdown see the first. They must agree.
/// </summary>
internal sealed class PageConsistency(CommandPageParser page)
{
    internal void Check(IReadOnlyList<SyntaxSet> syntax, IReadOnlyList<ParameterHelp> parameters)
    {
        var setNames = syntax.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var set in syntax)
        {
            foreach (var name in set.ParameterNames)
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw page.Error(set.Line, $"parameter set '{set.Name}' lists -{name}, which '## PARAMETERS' does not document.");
                if (parameter.VariantFor(set.Name) is null)
                {
                    throw page.Error(parameter.Line, $"parameter -{parameter.Name} is in the syntax of set '{set.Name}' but its 'Parameter Sets' do not name it.");
                }
            }
        }

        foreach (var parameter in parameters)
        {
            foreach (var set in parameter.Variants.SelectMany(v => v.ParameterSets).Where(s => s != ParameterVariant.AllSets))
            {
                if (!setNames.Contains(set))
                {
                    throw page.Error(parameter.Line, $"parameter -{parameter.Name} names parameter set '{set}', which '## SYNTAX' does not have.");
                }
            }

            foreach (var set in syntax.Where(s => parameter.VariantFor(s.Name) is not null))
            {
                if (!set.ParameterNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw page.Error(parameter.Line, $"parameter -{parameter.Name} belongs to set '{set.Name}' but its syntax line does not list it.");
                }
            }
        }
    }
}
