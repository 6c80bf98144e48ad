using System.Collections;

namespace OpenStackImageManager.Commands;

/// <summary>-UrlRewrite's hashtable (<c>@{ 'https://cloud-images.ubuntu.com/' = 'http://mirror.local/ubuntu/' }</c>) as the engine's prefix map.</summary>
internal static class UpstreamRewrites
{
    public static IReadOnlyDictionary<string, string> From(Hashtable? table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null)
        {
            return map;
        }

        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key?.ToString() is { Length: > 0 } from && entry.Value?.ToString() is { Length: > 0 } to)
            {
                map[from] = to;
            }
        }

        return map;
    }
}
