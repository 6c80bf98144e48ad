namespace OpenStackImageManager.Engine.Compliance;

/// <summary>The standards this tool can check; a new one is a class and a line here.</summary>
public static class ComplianceStandards
{
    public const string Default = ScsImageMetadata.StandardName;

    private static readonly IComplianceStandard[] s_all = [new ScsImageMetadata(), new ScsVendorSources()];

    public static IReadOnlyList<IComplianceStandard> All => s_all;

    public static IReadOnlyList<string> Names { get; } = s_all.Select(s => s.Name).ToArray();

    /// <summary>The standard called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such standard.</exception>
    public static IComplianceStandard Get(string name) =>
        s_all.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown standard '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>The standards named, each once, in the order given; the default when none is named.</summary>
    public static IReadOnlyList<IComplianceStandard> Resolve(IEnumerable<string>? names)
    {
        var list = (names ?? []).Select(Get).Distinct().ToArray();
        return list.Length == 0 ? [Get(Default)] : list;
    }
}
