namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// One parameter set as the page's SYNTAX section shows it: its name and its parameters in the order
/// the syntax line lists them (the order Get-Help shows).
/// </summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterNames, int Line);
