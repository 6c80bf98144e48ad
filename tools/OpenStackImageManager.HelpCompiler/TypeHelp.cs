namespace OpenStackImageManager.HelpCompiler;

/// <summary>One entry of INPUTS or OUTPUTS: a type name and what it means for this cmdlet.</summary>
internal sealed record TypeHelp(string Name, IReadOnlyList<string> Description);
