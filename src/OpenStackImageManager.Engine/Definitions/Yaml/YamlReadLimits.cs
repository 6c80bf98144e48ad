namespace OpenStackImageManager.Engine.Definitions.Yaml;

/// <summary>
/// Bounds that keep hostile files cheap: a definition catalog is small, so anything far beyond these
/// is a mistake or an attack, and failing fast beats swapping.
/// </summary>
internal sealed record YamlReadLimits
{
    public static readonly YamlReadLimits Default = new();

    /// <summary>Largest file read at all (the 5,000-definition benchmark catalog is about 5 MB).</summary>
    public long MaxFileBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Definitions nest 4 levels deep (images, item, meta/versions, version); 32 is plenty.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Nodes with every alias expanded; stops "billion laughs" before anything walks it.</summary>
    public long MaxExpandedNodes { get; init; } = 5_000_000;
}
