using System.Globalization;
using System.Security.Cryptography;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// A checksum as the image definitions declare it: <c>algorithm:hex</c> (the Python tool's
/// <c>checksum</c> key). The algorithm name is kept lower-case, the digest lower-case hex.
/// </summary>
public sealed record DeclaredChecksum(string Algorithm, string Hex)
{
    private static readonly Dictionary<string, (HashAlgorithmName Name, int HexLength)> s_algorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = (HashAlgorithmName.MD5, 32),
        ["sha1"] = (HashAlgorithmName.SHA1, 40),
        ["sha256"] = (HashAlgorithmName.SHA256, 64),
        ["sha384"] = (HashAlgorithmName.SHA384, 96),
        ["sha512"] = (HashAlgorithmName.SHA512, 128),
    };

    /// <summary>Parses <c>sha256:abc…</c>; a bare hex digest is accepted when its length names one algorithm.</summary>
    public static DeclaredChecksum Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string algorithm;
        string hex;
        if (colon < 0)
        {
            hex = trimmed;
            algorithm = s_algorithms.FirstOrDefault(a => a.Value.HexLength == hex.Length).Key
                ?? throw new FormatException($"Checksum '{text}' has no 'algorithm:' prefix and its length fits no known algorithm.");
        }
        else
        {
            algorithm = trimmed[..colon].Trim().ToLowerInvariant();
            hex = trimmed[(colon + 1)..].Trim();
        }

        if (!s_algorithms.TryGetValue(algorithm, out var known))
        {
            throw new FormatException($"Checksum algorithm '{algorithm}' is not supported (md5, sha1, sha256, sha384, sha512).");
        }

        if (hex.Length != known.HexLength || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException($"Checksum '{text}' is not a {known.HexLength}-digit hex {algorithm} digest.");
        }

        return new DeclaredChecksum(algorithm.ToLowerInvariant(), hex.ToLowerInvariant());
    }

    public static bool TryParse(string? text, out DeclaredChecksum? checksum)
    {
        checksum = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            checksum = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public HashAlgorithmName HashName => s_algorithms[Algorithm].Name;

    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(HashName);

    public bool Matches(byte[] digest) => string.Equals(Convert.ToHexStringLower(digest), Hex, StringComparison.Ordinal);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Algorithm}:{Hex}");
}
