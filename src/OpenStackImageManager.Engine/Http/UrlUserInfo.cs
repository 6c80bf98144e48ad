namespace OpenStackImageManager.Engine.Http;

/// <summary>
/// User info in a configured URL (<c>https://user:password@keystone/</c>). The tool never sends it (the
/// credentials have their own settings), but it would be printed wherever the URL is: in verbose and
/// debug lines, the session object and errors. So a configured URL carrying it is refused when the
/// configuration is read, with a message that does not repeat it.
/// </summary>
internal static class UrlUserInfo
{
    public static bool Has(Uri url) => url.IsAbsoluteUri && url.UserInfo.Length > 0;

    /// <summary>The refusal for <paramref name="setting"/>, or null when <paramref name="url"/> has no user info.</summary>
    public static string? Problem(string setting, Uri url) =>
        Has(url)
            ? $"{setting} '{Shown(url.OriginalString)}' carries user info (user:password@); remove it and give the credentials in their own settings (auth.username/auth.password, secure.yaml, OS_PASSWORD)"
            : null;

    /// <summary>A URL as text in a message: its user info and signature parameters masked.</summary>
    public static string Shown(string text) => Redaction.RedactUrls(text);
}
