namespace OpenStackImageManager.Models;

/// <summary>
/// A newer upstream build of an image definition, as <c>Find-ImageUpdate</c> found it: only written
/// once its checksum manifest was read (and, when asked, the bytes were streamed and matched).
/// </summary>
public sealed class ImageUpdate
{
    public required ImageDefinition Definition { get; init; }

    public string DefinitionName => Definition.Name;

    /// <summary>The definition file the update is written into.</summary>
    public string File => Definition.SourceFile;

    /// <summary>The newest version the catalog names now, or null when it names none.</summary>
    public string? CurrentVersion { get; init; }

    public required string NewVersion { get; init; }

    public DateOnly BuildDate { get; init; }

    /// <summary>The build's own upstream URL (a dated folder or file where upstream offers one).</summary>
    public required string Url { get; init; }

    /// <summary><c>algorithm:hex</c> from the upstream manifest (or release asset digest).</summary>
    public required string Checksum { get; init; }

    public UpdateSourceKind SourceKind => Source.Kind;

    /// <summary>The source description the build was found with.</summary>
    public required UpdateSource Source { get; init; }

    /// <summary>What was read to find the build, in order (listing, manifest, Last-Modified, release).</summary>
    public string FoundVia { get; init; } = string.Empty;

    /// <summary>True when the bytes were streamed through the transfer engine and matched <see cref="Checksum"/>.</summary>
    public bool Verified { get; init; }

    /// <summary>False when the catalog already names this build (same version and checksum); nothing to write.</summary>
    public bool IsNew { get; init; }

    public override string ToString() => $"{DefinitionName}: {CurrentVersion ?? "(none)"} -> {NewVersion}";
}
