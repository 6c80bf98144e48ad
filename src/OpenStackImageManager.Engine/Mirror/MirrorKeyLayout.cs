using System.Text;
using System.Text.RegularExpressions;

using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// Object keys for mirrored files. The default is the Python tool's layout (mirror.py/update.py), so an
/// existing mirror is found again and the catalog's <c>mirror_url</c>s stay valid:
/// <list type="number">
/// <item>a <c>mirror_url</c> that points into the same bucket gives the key verbatim;</item>
/// <item>compressed sources and the shortnames gardenlinux, talos, flatcar and opnsense get a version
/// folder and keep the upstream file name (compressed: without the compression and image extensions,
/// as the Python mirror's unpacking leaves them): <c>&lt;prefix&gt;/&lt;shortname&gt;/&lt;version&gt;/&lt;file&gt;</c>;</item>
/// <item>everything else: <c>&lt;prefix&gt;/&lt;shortname&gt;/&lt;version&gt;-&lt;shortname&gt;.&lt;format&gt;</c>.</item>
/// </list>
/// A template replaces all of this: placeholders {prefix} {shortname} {name} {version} {format} {ext}
/// {filename} (upstream file name) and {stem} (file name without compression extension).
/// </summary>
public static partial class MirrorKeyLayout
{
    public const string DefaultPrefix = Defaults.MirrorPrefix;

    /// <summary>Shortnames the Python mirror stores under a version folder with the upstream file name.</summary>
    private static readonly HashSet<string> s_versionFolderShortnames = new(StringComparer.Ordinal)
    {
        "gardenlinux", "talos", "flatcar", "opnsense",
    };

    private static readonly string[] s_placeholders = ["prefix", "shortname", "name", "version", "format", "ext", "filename", "stem"];

    /// <summary>The key for <paramref name="source"/>; <paramref name="template"/> null or empty means the Python layout.</summary>
    /// <exception cref="MirrorDefinitionException">The key cannot be made (no shortname, bad template).</exception>
    public static string KeyFor(MirrorKeySource source, string bucket, string? prefix, string? template)
    {
        ArgumentNullException.ThrowIfNull(source);
        prefix = (prefix ?? DefaultPrefix).Trim('/');
        var key = string.IsNullOrWhiteSpace(template)
            ? PythonLayout(source, bucket, prefix)
            : Render(template, source, prefix);
        return Validate(key, source);
    }

    /// <summary>The key a <c>mirror_url</c> names in <paramref name="bucket"/> (path style or virtual host), or null.</summary>
    public static string? KeyFromMirrorUrl(Uri? mirrorUrl, string bucket)
    {
        if (mirrorUrl is null || !mirrorUrl.IsAbsoluteUri || mirrorUrl.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(mirrorUrl.AbsolutePath);
        if (mirrorUrl.Host.StartsWith(bucket + ".", StringComparison.OrdinalIgnoreCase))
        {
            return NonEmpty(path.TrimStart('/'));
        }

        // Path style, also behind a prefix such as Swift's /swift/v1/AUTH_x/<bucket>/<key>.
        var marker = "/" + bucket + "/";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : NonEmpty(path[(at + marker.Length)..]);
    }

    private static string PythonLayout(MirrorKeySource source, string bucket, string prefix)
    {
        if (KeyFromMirrorUrl(source.MirrorUrl, bucket) is { } fromMirrorUrl)
        {
            return fromMirrorUrl;
        }

        if (string.IsNullOrWhiteSpace(source.Shortname))
        {
            throw new MirrorDefinitionException(
                $"'{source.Name}' version {source.Version} has no shortname and no mirror_url in bucket '{bucket}', so the default layout cannot name its object; give -KeyTemplate.");
        }

        var fileName = FileName(source.Url);
        var compression = SourceDecompression.FromFileName(fileName);
        if (SourceDecompression.IsTarball(fileName))
        {
            return Join(prefix, source.Shortname, source.Version, fileName);
        }

        if (compression != SourceCompression.None)
        {
            // a.img.bz2 → a, b.raw.xz → b: what the Python mirror's unpacking leaves (see the catalog's mirror_urls).
            var inner = SourceDecompression.StripExtension(fileName, compression);
            return Join(prefix, source.Shortname, source.Version, Path.GetFileNameWithoutExtension(inner));
        }

        if (s_versionFolderShortnames.Contains(source.Shortname))
        {
            return Join(prefix, source.Shortname, source.Version, fileName);
        }

        return Join(prefix, source.Shortname, $"{source.Version}-{source.Shortname}{Extension(source, fileName)}");
    }

    private static string Render(string template, MirrorKeySource source, string prefix)
    {
        var fileName = FileName(source.Url);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["prefix"] = prefix,
            ["shortname"] = source.Shortname,
            ["name"] = source.Name,
            ["version"] = source.Version,
            ["format"] = source.Format,
            ["ext"] = Extension(source, fileName),
            ["filename"] = fileName,
            ["stem"] = SourceDecompression.StripExtension(fileName, SourceDecompression.FromFileName(fileName)),
        };
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new MirrorDefinitionException($"Key template '{template}' has an unknown placeholder {{{name}}}; known: {string.Join(", ", s_placeholders.Select(p => "{" + p + "}"))}.");
            }

            if (string.IsNullOrEmpty(value) && name != "prefix")
            {
                throw new MirrorDefinitionException($"Key template '{template}' uses {{{name}}}, but '{source.Name}' version {source.Version} has none.");
            }

            return value ?? string.Empty;
        });
    }

    /// <summary>".qcow2" from the definition's format, else the upstream file's (decompressed) extension.</summary>
    private static string Extension(MirrorKeySource source, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(source.Format))
        {
            return "." + source.Format.Trim().TrimStart('.');
        }

        var inner = SourceDecompression.StripExtension(fileName, SourceDecompression.FromFileName(fileName));
        return Path.GetExtension(inner);
    }

    private static string FileName(Uri url)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        return Uri.UnescapeDataString(path.TrimEnd('/').Split('/')[^1]);
    }

    private static string Join(params string[] parts) =>
        string.Join('/', parts.Select(p => p.Trim('/')).Where(p => p.Length > 0));

    private static string Validate(string key, MirrorKeySource source)
    {
        var normalized = MultipleSlashes().Replace(key.Trim().TrimStart('/'), "/");
        if (normalized.Length == 0 || normalized.EndsWith('/'))
        {
            throw new MirrorDefinitionException($"The object key '{key}' for '{source.Name}' version {source.Version} names no file.");
        }

        if (Encoding.UTF8.GetByteCount(normalized) > 1024)
        {
            throw new MirrorDefinitionException($"The object key for '{source.Name}' version {source.Version} is longer than S3's 1024 bytes.");
        }

        if (normalized.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new MirrorDefinitionException($"The object key '{normalized}' has a '.' or '..' segment.");
        }

        return normalized;
    }

    private static string? NonEmpty(string value) => value.Length == 0 || value.EndsWith('/') ? null : value;

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("/{2,}")]
    private static partial Regex MultipleSlashes();
}
