using OpenStackImageManager.Engine.Mirror;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>Where new builds are mirrored and how their <c>mirror_url</c> is made.</summary>
/// <param name="BaseUrl">The public URL of the bucket (<c>https://s3.example/images</c>); the object key is appended.</param>
/// <param name="Prefix">The key prefix of the Python layout.</param>
/// <param name="KeyTemplate">A key template instead of the Python layout, or null.</param>
/// <param name="Storage">Where to put a missing object (the mirror engine), or null to only look whether it is there.</param>
public sealed record MirrorTarget(Uri BaseUrl, string Prefix, string? KeyTemplate, S3Settings? Storage);
