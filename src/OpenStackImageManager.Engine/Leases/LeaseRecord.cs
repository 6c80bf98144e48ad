using System.Globalization;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>
/// One epoch of a catalog lease as Glance stores it: a data-less, private, hidden image whose id is
/// <see cref="LeaseIds.For"/> of its epoch and whose properties name the holder and the expiry.
/// </summary>
public sealed record LeaseRecord(string ImageId, long Epoch, string RunId, string Holder, DateTimeOffset Expires, bool Released)
{
    internal const string RunKey = "oim_lease_run";
    internal const string HolderKey = "oim_lease_holder";
    internal const string ExpiresKey = "oim_lease_expires";
    internal const string EpochKey = "oim_lease_epoch";
    internal const string ReleasedKey = "oim_lease_released";

    /// <summary>Held by someone at <paramref name="now"/>: not released and not expired.</summary>
    public bool IsLive(DateTimeOffset now) => !Released && Expires > now;

    /// <summary>"run 1f0c… (oim@build-7, pid 4242) until 2026-12-07 01:20:00Z".</summary>
    public override string ToString() =>
        $"run {RunId} ({Holder}) until {Expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>The record an image carries, or null when it is not a well-formed lease image of (project, tag).</summary>
    internal static LeaseRecord? From(GlanceImage image, string projectId, string managedTag)
    {
        var properties = image.Properties;
        if (!properties.TryGetValue(EpochKey, out var epochText)
            || !long.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            // Only the image at the epoch's own id counts: a copy elsewhere proves nothing.
            || !string.Equals(image.Id, LeaseIds.For(projectId, managedTag, epoch), StringComparison.OrdinalIgnoreCase)
            || !properties.TryGetValue(RunKey, out var run)
            || !properties.TryGetValue(ExpiresKey, out var expiresText)
            || !DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
        {
            return null;
        }

        return new LeaseRecord(image.Id, epoch, run, properties.GetValueOrDefault(HolderKey) ?? "unknown holder", expires,
            properties.GetValueOrDefault(ReleasedKey) == "true");
    }

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
