namespace OpenStackImageManager.Engine.Yaml;

/// <summary>
/// Bounds that keep hostile files cheap, and the words errors use for the kind of file. Definition
/// catalogs and settings files (clouds.yaml, secure.yaml, the S3 settings) are small, so anything far
/// beyond these is a mistake or an attack, and failing fast beats swapping.
/// </summary>
internal sealed record YamlReadLimits
{
    /// <summary>Image definition files.</summary>
    public static readonly YamlReadLimits Default = new();

    /// <summary>clouds.yaml, secure.yaml and the S3 settings file: a few clouds, each a handful of keys.</summary>
    public static readonly YamlReadLimits Settings = new()
    {
        MaxFileBytes = 4L * 1024 * 1024,
        MaxExpandedNodes = 100_000,
        FileKind = "a settings file",
        FileKinds = "settings files",
        DepthHint = "settings files need at most 4",
    };

    /// <summary>Largest file read at all (the 5,000-definition benchmark catalog is about 5 MB).</summary>
    public long MaxFileBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Definitions nest 4 levels deep (images, item, meta/versions, version); 32 is plenty.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Nodes with every alias expanded; stops "billion laughs" before anything walks it.</summary>
    public long MaxExpandedNodes { get; init; } = 5_000_000;

    /// <summary>The kind of file, for messages: "a definition file".</summary>
    public string FileKind { get; init; } = "a definition file";

    /// <summary>The kind of file in plural, for messages: "definition files".</summary>
    public string FileKinds { get; init; } = "definition files";

    /// <summary>What depth the file really needs, for the depth error.</summary>
    public string DepthHint { get; init; } = "image definitions need at most 5";
}
