using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>The result of looking for a new build of one definition: an update, a reason it has no source, or an error.</summary>
public sealed record UpdateCheck(ImageDefinition Definition)
{
    /// <summary>The newest build (new or the one the catalog names already); null on error or without a source.</summary>
    public ImageUpdate? Update { get; init; }

    /// <summary>Why the definition was not looked at (no latest_url, no GitHub download).</summary>
    public string? NoSource { get; init; }

    /// <summary>The source answered wrongly; this definition only.</summary>
    public string? Error { get; init; }

    /// <summary>The error is upstream saying the file does not exist (404), not a fault.</summary>
    public bool Missing { get; init; }
}
