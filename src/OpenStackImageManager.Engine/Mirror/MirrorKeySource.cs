namespace OpenStackImageManager.Engine.Mirror;

/// <summary>What an object key is made of: the definition's and version's fields that name the file.</summary>
/// <param name="Name">The definition's <c>name</c>.</param>
/// <param name="Shortname">The definition's <c>shortname</c> (the S3 folder in the Python layout).</param>
/// <param name="Format">The definition's <c>format</c> (disk format, the file extension).</param>
/// <param name="Version">The version label.</param>
/// <param name="Url">The upstream <c>url</c>.</param>
/// <param name="MirrorUrl">The version's <c>mirror_url</c>, where the catalog says the copy lives.</param>
public sealed record MirrorKeySource(string Name, string? Shortname, string? Format, string Version, Uri Url, Uri? MirrorUrl);
