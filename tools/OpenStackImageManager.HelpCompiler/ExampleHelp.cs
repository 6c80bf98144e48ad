namespace OpenStackImageManager.HelpCompiler;

/// <summary>One example: its title (without the "Example N:" prefix's dashes), code and remarks.</summary>
internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);
