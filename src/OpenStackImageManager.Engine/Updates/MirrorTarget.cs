using OpenStackImageManager.Engine.Mirror;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>Where new builds are mirrored and how their <c>mirror_url</c> is made.</summary>
/// <param name="BaseUrl">The public URL of the bucket (<c>https://s3.example/images</c>); the object key is appended.</param>
/// <param name="Prefix">The key prefix of the Python layout.</param>
/// <param name="KeyTemplate">A key template instead of the Python layout, or null.</param>
/// <param name="Storage">Where to put a missing object (the mirror engine), or null to only look whether it is there.</param>
public sealed record MirrorTarget(Uri BaseUrl, string Prefix, string? KeyTemplate, S3Settings? Storage)
{
    /// <summary>
    /// The target of a catalog update, decided once for the cmdlets and the command line: the base URL
    /// given, else <c>MIRROR_BASE_URL</c> (the Python updater's variable); none means no <c>mirror_url</c>
    /// is written, unless mirroring was asked for, which needs one. With <paramref name="mirror"/> the S3
    /// settings are resolved as for Sync-ImageMirror. Throws <see cref="MirrorDefinitionException"/>.
    /// </summary>
    public static MirrorTarget? Resolve(
        Uri? baseUrl, string prefix, string? keyTemplate, bool mirror, S3SettingsInput storage, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        baseUrl ??= environment("MIRROR_BASE_URL") is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        if (baseUrl is null)
        {
            return mirror
                ? throw new MirrorDefinitionException("mirroring needs the mirror's base URL (MIRROR_BASE_URL, or the base URL parameter): the public URL of the bucket that mirror_url is made of.")
                : null;
        }

        return new MirrorTarget(baseUrl, prefix, keyTemplate, mirror ? S3SettingsResolver.Resolve(storage, environment) : null);
    }
}
