namespace OpenStackImageManager.Engine.Transfer;

/// <summary><c>file:</c> URLs of image definitions: <c>file:///abs</c>, <c>file:/abs</c> and <c>file:relative</c>.</summary>
internal static class LocalFile
{
    public static bool IsFile(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path a file: URL names; a relative one is taken from the current directory (the Python tool's rule).</summary>
    public static string PathOf(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return uri.LocalPath;
        }

        return Path.GetFullPath(Uri.UnescapeDataString(url["file:".Length..]));
    }
}
