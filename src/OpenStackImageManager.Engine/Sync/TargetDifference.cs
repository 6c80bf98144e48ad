using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>The part of a target an image does not have yet: what is left to send after an import.</summary>
internal static class TargetDifference
{
    /// <summary>
    /// Only the values of <paramref name="target"/> that <paramref name="image"/> lacks; min_disk raised to
    /// the stored size in GiB (<see cref="DesiredImage.MinDiskFor(int, long?)"/>). A reused half-made image
    /// of an earlier run may lack anything the create body would have set.
    /// </summary>
    public static ImageTarget Of(ImageTarget target, GlanceImage image)
    {
        var properties = target.Properties
            .Where(p => image.Properties.GetValueOrDefault(p.Key) != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var minDisk = target.MinDisk is { } wanted ? DesiredImage.MinDiskFor(wanted, image.Size) : (int?)null;
        return new ImageTarget
        {
            Name = target.Name is { } name && name != image.Name ? name : null,
            Properties = properties,
            RemovedProperties = target.RemovedProperties.Where(image.Properties.ContainsKey).ToArray(),
            Tags = target.Tags is { } tags && !tags.ToHashSet(StringComparer.Ordinal).SetEquals(image.Tags) ? tags : null,
            Visibility = target.Visibility is { } visibility && visibility != image.Visibility ? visibility : null,
            MinDisk = minDisk is { } disk && disk != image.MinDisk ? disk : null,
            MinRam = target.MinRam is { } ram && ram != image.MinRam ? ram : null,
            Hidden = target.Hidden is { } hidden && hidden != image.Hidden ? hidden : null,
            Protected = target.Protected is { } isProtected && isProtected != image.Protected ? isProtected : null,
            Status = target.Status is { } status && status != image.Status ? status : null,
        };
    }

    /// <summary>
    /// The one PATCH after a new image's bytes are verified: <see cref="Of"/> (the final name instead of
    /// the staging name, min_disk from the stored size, visibility, os_hidden, what a reused image lacks)
    /// plus the removal of the pending marker.
    /// </summary>
    public static ImageTarget AfterVerification(ImageTarget target, GlanceImage image)
    {
        var difference = Of(target, image);
        return image.Properties.ContainsKey(DesiredImage.PendingKey)
            ? difference with { RemovedProperties = [.. difference.RemovedProperties, DesiredImage.PendingKey] }
            : difference;
    }
}
