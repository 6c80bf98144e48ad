namespace OpenStackImageManager.Models;

/// <summary>How <c>Update-ImageDefinition</c> writes a new build into the definition's versions.</summary>
public enum CatalogUpdatePolicy
{
    /// <summary>Append for GitHub release sources (each release stays listed), replace the newest for every other source.</summary>
    Auto,

    /// <summary>Overwrite the newest version entry in place: the catalog keeps one version per definition.</summary>
    ReplaceNewest,

    /// <summary>Add a version entry after the others and drop the oldest beyond the kept number.</summary>
    Append,
}
