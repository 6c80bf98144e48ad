using System.Security.Cryptography;

namespace OpenStackImageManager.Models;

/// <summary>
/// A declared checksum, <c>algorithm:hex</c> in the YAML (for example <c>sha256:0f7f…</c>): the one
/// checksum type of the module. Parsing normalises the algorithm name and the digest to lower case and
/// accepts only algorithms the transfer can verify (<see cref="ChecksumAlgorithms"/>); definitions,
/// streamed imports, the S3 mirror and the comparison with Glance's <c>os_hash_value</c> all use it.
/// </summary>
public sealed record ImageChecksum
{
    public ImageChecksum(string algorithm, string value)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(value);
        Algorithm = algorithm.Trim().ToLowerInvariant();
        Value = value.Trim().ToLowerInvariant();
    }

    /// <summary>The algorithm's name, lower case (<c>sha256</c>).</summary>
    public string Algorithm { get; }

    /// <summary>The digest, lower-case hex.</summary>
    public string Value { get; }

    /// <summary>The .NET hash for <see cref="Algorithm"/>; only parsed checksums are sure to have one.</summary>
    internal HashAlgorithmName HashName =>
        ChecksumAlgorithms.Find(Algorithm)?.Hash ?? throw new InvalidOperationException($"checksum algorithm '{Algorithm}' cannot be verified");

    /// <summary>
    /// Parses <c>algorithm:hex</c> (any case; a bare digest when its length names one algorithm).
    /// Throws <see cref="FormatException"/> naming what is wrong.
    /// </summary>
    public static ImageChecksum Parse(string text) =>
        TryParse(text, out var checksum, out var problem) ? checksum! : throw new FormatException(problem);

    public static bool TryParse(string? text, out ImageChecksum? checksum) => TryParse(text, out checksum, out _);

    /// <summary>As <see cref="Parse"/>; <paramref name="problem"/> says why <paramref name="text"/> is no checksum.</summary>
    public static bool TryParse(string? text, out ImageChecksum? checksum, out string? problem)
    {
        checksum = null;
        var trimmed = text?.Trim() ?? string.Empty;
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var hex = colon < 0 ? trimmed : trimmed[(colon + 1)..];
        var algorithm = colon < 0 ? ChecksumAlgorithms.ByHexLength(hex.Trim().Length)?.Name : trimmed[..colon];
        if (algorithm is null)
        {
            problem = $"checksum '{trimmed}' has no 'algorithm:' prefix and its length fits no algorithm ({ChecksumAlgorithms.Names})";
            return false;
        }

        var candidate = new ImageChecksum(algorithm, hex);
        problem = candidate.Problem;
        checksum = problem is null ? candidate : null;
        return checksum is not null;
    }

    /// <summary>Why this checksum cannot be verified (an unknown algorithm, a digest of the wrong form), or null.</summary>
    internal string? Problem =>
        ChecksumAlgorithms.Find(Algorithm) is not var (name, _, hexLength)
            ? $"checksum algorithm '{Algorithm}' cannot be verified; use one of {ChecksumAlgorithms.Names}"
            : !Value.All(Uri.IsHexDigit) ? $"checksum '{this}' is not a {hexLength}-digit hex {name} digest"
            : Value.Length != hexLength ? $"a {name} digest has {hexLength} hex digits; this one has {Value.Length}"
            : null;

    /// <summary>A digest read from an upstream manifest: its length names the algorithm. Null when none fits.</summary>
    public static ImageChecksum? FromDigest(string? hex) =>
        hex is not null && !hex.Contains(':', StringComparison.Ordinal) && TryParse(hex, out var checksum) ? checksum : null;

    /// <summary>Whether <paramref name="algorithm"/> (e.g. Glance's <c>os_hash_algo</c>) is this checksum's algorithm.</summary>
    public bool IsAlgorithm(string? algorithm) => string.Equals(Algorithm, algorithm?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="hex"/> (any case) is this digest.</summary>
    public bool Matches(string? hex) => string.Equals(Value, hex?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the computed <paramref name="digest"/> is this digest.</summary>
    public bool Matches(ReadOnlySpan<byte> digest) => string.Equals(Convert.ToHexStringLower(digest), Value, StringComparison.Ordinal);

    public override string ToString() => $"{Algorithm}:{Value}";
}
