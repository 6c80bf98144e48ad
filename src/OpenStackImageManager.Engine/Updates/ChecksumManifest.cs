using OpenStackImageManager.Models;
using System.Text.RegularExpressions;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>One file of a checksum manifest.</summary>
internal sealed record ManifestEntry(string FileName, ImageChecksum Checksum);

/// <summary>
/// Checksum manifests as upstreams publish them: GNU style "<c>digest  file</c>" (also "<c>*file</c>",
/// binary mode; <c>SHA256SUMS</c>, <c>SHA512SUMS</c>, <c>sha256sum.txt</c>) and BSD style
/// "<c>SHA256 (file) = digest</c>" (<c>CHECKSUM</c> of CentOS Stream and Rocky), also inside a
/// PGP-signed message. Comments, signatures and lines of neither style are passed over.
/// </summary>
internal static partial class ChecksumManifest
{
    public static IReadOnlyList<ManifestEntry> Parse(string text)
    {
        var entries = new List<ManifestEntry>();
        var inSignature = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("-----BEGIN PGP SIGNATURE", StringComparison.Ordinal))
            {
                inSignature = true;
            }
            else if (line.StartsWith("-----END PGP SIGNATURE", StringComparison.Ordinal))
            {
                inSignature = false;
                continue;
            }

            if (inSignature || line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (Bsd().Match(line) is { Success: true } bsd && Checksum(bsd.Groups["algo"].Value, bsd.Groups["hex"].Value) is { } bsdChecksum)
            {
                entries.Add(new ManifestEntry(bsd.Groups["file"].Value, bsdChecksum));
            }
            else if (Gnu().Match(line) is { Success: true } gnu && Checksum(null, gnu.Groups["hex"].Value) is { } gnuChecksum)
            {
                entries.Add(new ManifestEntry(gnu.Groups["file"].Value.Trim(), gnuChecksum));
            }
        }

        return entries;
    }

    /// <summary>The entry naming exactly <paramref name="fileName"/> (a path in the manifest counts by its last segment).</summary>
    public static ManifestEntry? Find(IReadOnlyList<ManifestEntry> entries, string fileName) =>
        entries.FirstOrDefault(e => e.FileName == fileName || e.FileName.EndsWith("/" + fileName, StringComparison.Ordinal));

    private static ImageChecksum? Checksum(string? algorithm, string hex)
    {
        var text = algorithm is null ? hex : $"{algorithm.Replace("-", string.Empty, StringComparison.Ordinal)}:{hex}";
        return ImageChecksum.TryParse(text, out var checksum) ? checksum : null;
    }

    [GeneratedRegex(@"^(?<algo>MD5|SHA1|SHA-?256|SHA-?384|SHA-?512)\s*\((?<file>[^)]+)\)\s*=\s*(?<hex>[0-9a-fA-F]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Bsd();

    [GeneratedRegex(@"^(?<hex>[0-9a-fA-F]{32,128})\s+\*?(?<file>\S.*)$")]
    private static partial Regex Gnu();
}
