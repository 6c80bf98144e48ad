namespace OpenStackImageManager.HelpCompiler;

/// <summary>The facts of one ```yaml block of a parameter (PlatyPS schema 2.0.0 keys).</summary>
internal sealed record ParameterVariant(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing,
    IReadOnlyList<string> AcceptedValues)
{
    /// <summary>What PlatyPS writes for "Parameter Sets" when a parameter is in every set.</summary>
    internal const string AllSets = "(All)";

    internal bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    internal bool AppliesTo(string parameterSet) =>
        ParameterSets.Contains(AllSets, StringComparer.Ordinal) || ParameterSets.Contains(parameterSet, StringComparer.Ordinal);
}
