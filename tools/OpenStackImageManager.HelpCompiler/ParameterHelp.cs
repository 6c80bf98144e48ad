namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// One documented parameter: its text and one <see cref="ParameterVariant"/> per yaml block (PlatyPS
/// writes a second block when a parameter is mandatory or positional in one set only).
/// </summary>
internal sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterVariant> Variants, int Line)
{
    /// <summary>The variant the PARAMETERS section of Get-Help shows: the first, as PlatyPS does.</summary>
    internal ParameterVariant Primary => Variants[0];

    internal ParameterVariant? VariantFor(string parameterSet) =>
        Variants.FirstOrDefault(v => v.AppliesTo(parameterSet));
}
