namespace OpenStackImageManager.Models;

/// <summary>One text change of a definition file written (or, with -WhatIf, shown) by <c>Update-ImageDefinition</c>.</summary>
public sealed class ImageDefinitionEdit
{
    public required string File { get; init; }

    public required string DefinitionName { get; init; }

    public string? OldVersion { get; init; }

    public required string NewVersion { get; init; }

    public CatalogUpdatePolicy Policy { get; init; }

    /// <summary>The mirror URL written with the version; null when the mirror does not hold the object.</summary>
    public string? MirrorUrl { get; init; }

    /// <summary>Versions dropped from the file (Append beyond the kept number).</summary>
    public IReadOnlyList<string> RemovedVersions { get; init; } = [];

    /// <summary>The changed lines with two lines of context, unified-diff style (<c>-</c> before, <c>+</c> after).</summary>
    public required string Diff { get; init; }

    /// <summary>True when the file was written; false for -WhatIf or a declined confirmation.</summary>
    public bool Written { get; init; }

    public override string ToString() => $"{File}: {DefinitionName} {OldVersion ?? "(none)"} -> {NewVersion}";
}
