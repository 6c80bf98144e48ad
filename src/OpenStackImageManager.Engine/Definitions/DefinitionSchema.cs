using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// The rules of the Python tool's <c>etc/schema.yaml</c> (yamale), as data. Patterns are the
/// schema's own, anchored at the start as yamale's <c>re.match</c> is.
/// </summary>
internal static partial class DefinitionSchema
{
    public static readonly string[] Formats = ["aki", "ari", "ami", "raw", "iso", "vhd", "vdi", "qcow2", "vmdk"];
    public static readonly string[] Statuses = ["active", "deactivated"];
    public static readonly string[] Visibilities = ["public", "private", "community", "shared"];

    public static readonly string[] RootKeys = ["images"];

    public static readonly string[] ImageKeys =
    [
        "name", "enable", "format", "login", "password", "min_disk", "min_ram", "multi", "keep", "status",
        "visibility", "separator", "shortname", "latest_url", "latest_checksum_url", "meta", "tags", "versions",
    ];

    public static readonly string[] VersionKeys =
    [
        "version", "url", "mirror_url", "checksum", "checksums_url", "checksum_url", "build_date", "visibility",
        "hidden", "os_version", "meta", "id", "source", "image_description",
    ];

    /// <summary>Digest lengths in hex digits of the algorithms a checksum may use (<see cref="Models.ImageChecksum"/>), for messages.</summary>
    public static string ChecksumLengths => Models.ChecksumAlgorithms.HexLengths;

    public static bool IsChecksumLength(int length) => Models.ChecksumAlgorithms.IsHexLength(length);

    /// <summary>
    /// http(s) URL or a <c>file:</c> path: <c>url</c> and <c>mirror_url</c>. Unlike the Python schema
    /// not ftp(s): nothing here can read it, and a source that validates must be one the import can fetch.
    /// </summary>
    [GeneratedRegex(@"^(?:https?://\w+.*|(?:file:|file:///)\w+.*)", RegexOptions.CultureInvariant)]
    public static partial Regex SourceUrl();

    /// <summary><c>latest_url</c>: http(s) (the Python schema's ftp(s) is refused, as for <see cref="SourceUrl"/>).</summary>
    [GeneratedRegex(@"^https?://\w+.*", RegexOptions.CultureInvariant)]
    public static partial Regex DownloadUrl();

    /// <summary><c>checksum_url</c>, <c>checksums_url</c>, <c>latest_checksum_url</c>: http(s) only.</summary>
    [GeneratedRegex(@"^https?://\w+.*", RegexOptions.CultureInvariant)]
    public static partial Regex HttpUrl();

    /// <summary>Legacy <c>source</c>: a URL or the word <c>private</c>.</summary>
    [GeneratedRegex(@"^(?:(?:http|ftp)s?://\w+.*|private$)", RegexOptions.CultureInvariant)]
    public static partial Regex LegacySource();

    [GeneratedRegex(@"^(\w+):([a-f0-9]+)$", RegexOptions.CultureInvariant)]
    public static partial Regex Checksum();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    public static partial Regex Uuid();

    [GeneratedRegex(@"^last-([1-9][0-9]{0,8})$", RegexOptions.CultureInvariant)]
    public static partial Regex LastN();
}
