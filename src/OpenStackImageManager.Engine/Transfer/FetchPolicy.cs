using System.Net;
using System.Net.Sockets;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// What the tool may read upstream by itself (image files, checksum manifests, listings, release JSON,
/// endoflife.date), the rules of Glance's web-download filter made strict: only http and https go to the
/// network, and never to a loopback, link-local, cloud-metadata, unspecified or multicast address, however
/// the address is written (<c>http://2852039166/</c> is 169.254.169.254) and whatever a name resolves to
/// when the connection is made. A host the user lists in <see cref="AllowedHosts"/> (<c>host</c> or
/// <c>host:port</c>) may be such an address. <c>file:</c> sources are read only below one of
/// <see cref="FileRoots"/> (the catalog's folder), with symbolic links resolved first. The rules apply to
/// every redirect too (<see cref="PolicyRedirectHandler"/>).
/// </summary>
internal sealed class FetchPolicy
{
    /// <summary>Comma-separated hosts both front ends add to <see cref="AllowedHosts"/> (e.g. a test or lab mirror on 127.0.0.1).</summary>
    public const string AllowedHostsVariable = "OIM_UPSTREAM_ALLOWED_HOSTS";

    /// <summary>Folders (separated by the platform's path separator) both front ends add to <see cref="FileRoots"/>: image files kept next to the catalog rather than in it.</summary>
    public const string FileRootsVariable = "OIM_UPSTREAM_FILE_ROOTS";

    private static readonly IPAddress s_alibabaMetadata = IPAddress.Parse("100.100.100.200");
    private static readonly IPAddress s_awsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    private readonly HashSet<string> _allowed;
    private readonly string[] _roots;

    public FetchPolicy(IEnumerable<string>? allowedHosts = null, IEnumerable<string>? fileRoots = null)
    {
        _allowed = new HashSet<string>((allowedHosts ?? []).Select(NormaliseEntry).Where(e => e.Length > 0), StringComparer.OrdinalIgnoreCase);
        _roots = (fileRoots ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => RealPath(r)).Distinct(PathComparer).ToArray();
    }

    /// <summary>The policy of <paramref name="options"/>: its allowed hosts and file roots plus <see cref="AllowedHostsVariable"/>.</summary>
    public static FetchPolicy For(UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fromEnvironment = (Environment.GetEnvironmentVariable(AllowedHostsVariable) ?? string.Empty)
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roots = (Environment.GetEnvironmentVariable(FileRootsVariable) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new FetchPolicy([.. options.AllowedHosts, .. fromEnvironment], [.. options.FileRoots, .. roots]) { Resolver = options.Resolver };
    }

    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) that may be a loopback or link-local address.</summary>
    public IReadOnlyCollection<string> AllowedHosts => _allowed;

    /// <summary>Folders below which <c>file:</c> sources may be read (resolved, without symbolic links).</summary>
    public IReadOnlyList<string> FileRoots => _roots;

    /// <summary>Name resolution at connect time; tests replace it to make a name resolve to a forbidden address.</summary>
    internal Func<string, CancellationToken, Task<IPAddress[]>>? Resolver { get; init; }

    /// <summary>
    /// Refuses a network URL the policy does not allow: a scheme other than http/https, user info (a
    /// password has no place in a catalog; the client would not send it anyway), or a host written as a
    /// forbidden address. Names are checked again when they resolve (<see cref="CheckAddresses"/>).
    /// </summary>
    public void CheckUrl(Uri url, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = what ?? SafeUrl.Show(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new FetchRefusedException($"{shown} is refused: only http and https URLs are read from the network{(url.IsAbsoluteUri && url.IsFile ? " (a redirect or listing may not point at a local file)" : string.Empty)}.");
        }

        if (url.UserInfo.Length > 0)
        {
            throw new FetchRefusedException($"{shown} is refused: a URL with user info (user:password@) is not read; credentials do not belong in URLs.");
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address)
            && Forbidden(address) is { } reason && !IsAllowed(url.IdnHost, url.Port))
        {
            throw new FetchRefusedException($"{shown} is refused: {Unbracket(url.IdnHost)} is {reason}{AllowHint(url.IdnHost, url.Port)}.");
        }

        if (IsLocalName(url.IdnHost) && !IsAllowed(url.IdnHost, url.Port))
        {
            throw new FetchRefusedException($"{shown} is refused: {url.IdnHost} is the local machine{AllowHint(url.IdnHost, url.Port)}.");
        }
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> a connection may use: the forbidden ones are dropped
    /// unless the host is allowed; none left is a refusal naming the address, so a name that resolves to
    /// the metadata service (or is made to, between two look-ups) is never connected to.
    /// </summary>
    public IPAddress[] CheckAddresses(string host, int port, IReadOnlyList<IPAddress> addresses)
    {
        if (IsAllowed(host, port))
        {
            return addresses.ToArray();
        }

        var permitted = addresses.Where(a => Forbidden(a) is null || IsAllowed(a.ToString(), port)).ToList();
        if (permitted.Count > 0)
        {
            return permitted.ToArray();
        }

        var first = addresses.FirstOrDefault();
        throw new FetchRefusedException(first is null
            ? $"{host} resolves to no address."
            : $"{host}:{port} is refused: it resolves to {first}, which is {Forbidden(first)}{AllowHint(host, port)}.");
    }

    /// <summary>Resolves <paramref name="host"/> (through <see cref="Resolver"/> when set) and applies <see cref="CheckAddresses"/>.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : Resolver is { } resolve
                ? await resolve(host, cancellationToken).ConfigureAwait(false)
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return CheckAddresses(host, port, addresses);
    }

    /// <summary>
    /// The real path of a <c>file:</c> source when it lies below one of <see cref="FileRoots"/> after every
    /// symbolic link is resolved; otherwise a refusal. Reading the real path (not the given one) leaves no
    /// link to swap between the check and the open.
    /// </summary>
    public string CheckFile(string url)
    {
        var path = LocalFile.PathOf(url);
        if (_roots.Length == 0)
        {
            throw new FetchRefusedException($"{url} is refused: file: sources are read only below the catalog's folder (or a folder listed in {FileRootsVariable}), and this run has none.");
        }

        var real = RealPath(path);
        if (!_roots.Any(root => IsBelow(real, root)))
        {
            throw new FetchRefusedException($"{url} is refused: {real} is outside the catalog's folder ({string.Join(", ", _roots)}); file: sources are read only below it (or below a folder listed in {FileRootsVariable}).");
        }

        return real;
    }

    /// <summary>Why <paramref name="address"/> may not be reached, or null when it may.</summary>
    internal static string? Forbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                127 => "a loopback address",
                0 => "an unspecified address",
                169 when b[1] == 254 => "a link-local address (the cloud metadata service lives there)",
                >= 224 => "a multicast or reserved address",
                _ when address.Equals(s_alibabaMetadata) => "a cloud metadata address",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address))
            {
                return "a loopback address";
            }

            if (IPAddress.IPv6Any.Equals(address))
            {
                return "an unspecified address";
            }

            if (address.IsIPv6LinkLocal)
            {
                return "a link-local address";
            }

            if (address.IsIPv6Multicast)
            {
                return "a multicast address";
            }

            if (address.Equals(s_awsMetadataV6))
            {
                return "a cloud metadata address";
            }

            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that a gateway reaches.
            var b = address.GetAddressBytes();
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
            {
                return Forbidden(new IPAddress(b[12..16]));
            }

            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return Forbidden(new IPAddress(b[2..6]));
            }
        }

        return null;
    }

    private bool IsAllowed(string host, int port)
    {
        var name = NormaliseEntry(host);
        return _allowed.Contains(name) || _allowed.Contains($"{name}:{port}");
    }

    private static string AllowHint(string host, int port) =>
        $"; list it in {AllowedHostsVariable} (e.g. {Unbracket(host)}:{port}) if the tool may read it";

    private static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static string NormaliseEntry(string entry)
    {
        var text = entry.Trim().TrimEnd('.').ToLowerInvariant();
        return text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is var close and > 0
            ? text[1..close] + text[(close + 1)..]
            : text;
    }

    private static string Unbracket(string host) => host.Trim('[', ']');

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool IsBelow(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return string.Equals(path, root, comparison) || path.StartsWith(withSeparator, comparison);
    }

    /// <summary>The path with every symbolic link along it resolved (a missing tail is kept as written).</summary>
    internal static string RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

    private static string RealPath(string full, int depth)
    {
        if (depth > 40)
        {
            throw new FetchRefusedException($"{full} is refused: too many symbolic links.");
        }

        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                var resolved = Path.GetFullPath(target, current);
                next = RealPath(resolved, depth + 1);
            }

            current = next;
        }

        return current;
    }
}
