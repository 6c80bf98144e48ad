namespace OpenStackImageManager.HelpCompiler;

/// <summary>Everything one cmdlet page says, as Get-Help needs it.</summary>
internal sealed record CommandHelp(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxSet> Syntax,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<RelatedLink> RelatedLinks)
{
    internal string Verb => Name[..Name.IndexOf('-', StringComparison.Ordinal)];

    internal string Noun => Name[(Name.IndexOf('-', StringComparison.Ordinal) + 1)..];
}
