namespace OpenStackImageManager.HelpCompiler;

/// <summary>One line of a page with its 1-based number, so every error can point at it.</summary>
internal readonly record struct PageLine(int Number, string Text)
{
    internal bool IsBlank => string.IsNullOrWhiteSpace(Text);

    internal bool IsFence => Text.TrimStart().StartsWith("```", StringComparison.Ordinal);
}
