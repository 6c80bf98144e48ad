using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// An existing image whose version now declares another checksum than the one recorded on it
/// (<c>upstream_checksum</c>, the digest its bytes were imported and verified against). Rewriting the
/// property would label old bytes with a checksum nobody checked them against, so the planner makes it
/// a decision: a re-import under the explicit switch, else a Conflict item that fails the run.
/// </summary>
internal sealed record ChecksumChange(string Recorded, ImageChecksum Declared, string Text)
{
    /// <summary>
    /// The change for <paramref name="image"/>, or null when there is none to decide: no checksum declared
    /// or none recorded (nothing to contradict), the same digest, or Glance's own hash of the stored image
    /// proves that its bytes are the new checksum's (then only the recorded value is updated).
    /// </summary>
    public static ChecksumChange? Of(GlanceImage image, ImageDefinition definition, ImageVersion version)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(version);
        if (version.Checksum is not { } declared
            || image.Properties.GetValueOrDefault(DesiredImage.UpstreamChecksum) is not { Length: > 0 } recorded
            || declared.Matches(recorded))
        {
            return null;
        }

        var changed = $"the declared checksum changed from {Short(recorded)} to {declared.Algorithm}:{Short(declared.Value)}";
        var converted = !string.Equals(image.DiskFormat, definition.Format, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(image.HashValue) && !string.IsNullOrEmpty(image.HashAlgorithm)
            && ImportMethods.GlanceHashComparable(declared, version.DownloadUrl, image.HashAlgorithm, converted))
        {
            return declared.Matches(image.HashValue)
                ? null
                : new ChecksumChange(recorded, declared, $"{changed}, and Glance's {image.HashAlgorithm} hash of image {image.Id} shows that its bytes are not the new ones");
        }

        return new ChecksumChange(recorded, declared, $"{changed}; the bytes of image {image.Id} were never verified against the new checksum");
    }

    private static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;
}
