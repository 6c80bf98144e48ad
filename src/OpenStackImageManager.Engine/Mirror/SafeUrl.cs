namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// A URL as it may appear in messages: without user info and without the query, which for signed
/// download links (S3 presigned, Swift temp URLs) carries the signature.
/// </summary>
internal static class SafeUrl
{
    public static string Show(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty };
        var hadQuery = builder.Query.Length > 0;
        builder.Query = string.Empty;
        var text = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return hadQuery ? text + "?…" : text;
    }
}
