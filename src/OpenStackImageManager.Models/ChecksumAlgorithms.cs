using System.Security.Cryptography;

namespace OpenStackImageManager.Models;

/// <summary>
/// The one table of checksum algorithms: name, .NET hash, digest length in hex digits. Only
/// algorithms the transfer can compute are here, so whatever the definition validator accepts can be
/// verified while the bytes stream, and Glance's <c>os_hash_algo</c> is compared by these names.
/// sha224 is not: .NET has no SHA-224, so a checksum in it could never be verified.
/// </summary>
internal static class ChecksumAlgorithms
{
    private static readonly (string Name, HashAlgorithmName Hash, int HexLength)[] s_table =
    [
        ("md5", HashAlgorithmName.MD5, 32),
        ("sha1", HashAlgorithmName.SHA1, 40),
        ("sha256", HashAlgorithmName.SHA256, 64),
        ("sha384", HashAlgorithmName.SHA384, 96),
        ("sha512", HashAlgorithmName.SHA512, 128),
    ];

    /// <summary>The names, for messages: <c>md5, sha1, sha256, sha384, sha512</c>.</summary>
    public static string Names { get; } = string.Join(", ", s_table.Select(a => a.Name));

    /// <summary>The digest lengths, for messages: <c>32, 40, 64, 96 or 128</c>.</summary>
    public static string HexLengths { get; } =
        string.Join(", ", s_table[..^1].Select(a => a.HexLength)) + " or " + s_table[^1].HexLength;

    public static bool IsHexLength(int length) => s_table.Any(a => a.HexLength == length);

    /// <summary>The algorithm called <paramref name="name"/> (any case), or null when it cannot be verified.</summary>
    public static (string Name, HashAlgorithmName Hash, int HexLength)? Find(string? name)
    {
        foreach (var algorithm in s_table)
        {
            if (string.Equals(algorithm.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }

        return null;
    }

    /// <summary>The algorithm whose digests have <paramref name="hexLength"/> digits (each length names one).</summary>
    public static (string Name, HashAlgorithmName Hash, int HexLength)? ByHexLength(int hexLength)
    {
        foreach (var algorithm in s_table)
        {
            if (algorithm.HexLength == hexLength)
            {
                return algorithm;
            }
        }

        return null;
    }
}
