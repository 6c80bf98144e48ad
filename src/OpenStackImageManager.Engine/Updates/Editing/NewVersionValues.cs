namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>The values a new build writes into a version entry; a null <see cref="MirrorUrl"/> removes the key.</summary>
internal sealed record NewVersionValues(string Version, string Url, string? MirrorUrl, string Checksum, DateOnly BuildDate);
