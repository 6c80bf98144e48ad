namespace OpenStackImageManager.Engine.Operations;

/// <summary>What Set-GlanceImage asks to change; null members stay as they are.</summary>
public sealed record ImageChangeRequest
{
    public string? Name { get; init; }

    /// <summary>Properties to set (added or replaced).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveProperties { get; init; } = [];

    /// <summary>Tags to add; the others stay.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    public string? Visibility { get; init; }

    public int? MinDisk { get; init; }

    public int? MinRam { get; init; }

    public bool? Protected { get; init; }

    public bool? Hidden { get; init; }

    /// <summary>"active" or "deactivated".</summary>
    public string? Status { get; init; }
}
