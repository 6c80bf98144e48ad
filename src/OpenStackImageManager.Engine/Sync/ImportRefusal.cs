namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Why an image cannot be imported under the plan's import method and checksum policy, found while
/// planning, before anything is created. Structured, so each front end names its own options
/// (<see cref="Text"/> with its <see cref="ImportOptionNames"/>).
/// </summary>
public sealed record ImportRefusal(string ImageName, ImportRefusalReason Reason, string Detail, string? DeclaredAlgorithm)
{
    /// <summary>One sentence naming the image, what is wrong and the options that would work, in the caller's words.</summary>
    public string Text(ImportOptionNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Reason switch
        {
            ImportRefusalReason.ChecksumNotVerifiableByGlance =>
                $"{ImageName}: the declared {DeclaredAlgorithm} checksum cannot be verified when Glance fetches the image itself (web-download): {Detail}; "
                + $"{names.Stream} streams it through this host and verifies it{(names.AllowUnverified is { } unverified ? $", {unverified} accepts it unverified" : string.Empty)}",
            ImportRefusalReason.FileUrlForWebDownload => $"{ImageName}: {Detail} (web-download); {names.Stream} streams it",
            ImportRefusalReason.WebDownloadNotOffered => $"{ImageName}: {Detail}; {names.Stream} streams it through this host",
            _ => $"{ImageName}: {Detail}; {names.Auto} lets the tool choose what the cloud offers",
        };
    }
}
