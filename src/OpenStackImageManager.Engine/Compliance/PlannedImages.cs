using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// The images as a plan would leave them: each item applied to the image it names (a Create becomes a
/// new image with the properties, tags and visibility it is created with; a Delete removes it). Only
/// reads its input; the result is what the standards judge before anything is sent.
/// </summary>
internal static class PlannedImages
{
    /// <summary>
    /// Glance's default <c>os_hash_algo</c>: what a new image gets unless the cloud hashes otherwise
    /// (then the existing images show the cloud's algorithm and that is used).
    /// </summary>
    private const string GlanceDefaultHash = "sha512";

    /// <summary>
    /// <paramref name="images"/> after <paramref name="plan"/>; new images are owned by <paramref name="owner"/>
    /// (the project that creates them) and created at <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<GlanceImage> Apply(IReadOnlyList<GlanceImage> images, IReadOnlyList<ImageChange> plan, string? owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(plan);
        var result = images.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var order = images.Select(i => i.Id).ToList();
        var hash = images.Select(i => i.HashAlgorithm).FirstOrDefault(a => !string.IsNullOrEmpty(a)) ?? GlanceDefaultHash;
        var created = 0;
        foreach (var change in plan)
        {
            if (change.Kind == ImageChangeKind.Create)
            {
                var key = change.ImageId ?? $"planned:{created++}";
                if (change.Image is { } halfMade)
                {
                    result.Remove(halfMade.Id);
                }

                result[key] = Created(change, hash, owner, now);
                if (!order.Contains(key))
                {
                    order.Add(key);
                }

                continue;
            }

            if (change.ImageId is not { } id || !result.TryGetValue(id, out var image))
            {
                continue;
            }

            if (change.Kind == ImageChangeKind.Delete)
            {
                result.Remove(id);
                continue;
            }

            result[id] = Changed(image, change);
        }

        return order.Where(result.ContainsKey).Select(id => result[id]).ToArray();
    }

    private static GlanceImage Created(ImageChange change, string hash, string? owner, DateTimeOffset now)
    {
        // A Create's target is the whole state the image is created with.
        var blank = new GlanceImage
        {
            // No id yet: results for it name the image only.
            Id = change.ImageId ?? string.Empty,
            Name = change.ImageName,
            Status = change.Definition?.Status.ToLowerInvariant() ?? "active",
            Visibility = change.Definition?.Visibility.ToLowerInvariant() ?? "private",
            Hidden = change.ImageVersion?.Hidden ?? false,
            Tags = [],
            Properties = new Dictionary<string, string>(StringComparer.Ordinal),
            MinDisk = change.Definition?.MinDisk ?? 0,
            MinRam = change.Definition?.MinRam ?? 0,
            HashAlgorithm = hash,
            Owner = owner,
            CreatedAt = now,
            Cloud = change.Cloud,
        };
        return Changed(blank, change);
    }

    /// <summary>The image with the item's typed target applied: what the item sets, nothing else.</summary>
    private static GlanceImage Changed(GlanceImage image, ImageChange change)
    {
        var target = change.Target;
        var properties = new Dictionary<string, string>(image.Properties, StringComparer.Ordinal);
        foreach (var (key, value) in target.Properties)
        {
            properties[key] = value;
        }

        foreach (var key in target.RemovedProperties)
        {
            properties.Remove(key);
        }

        return image with
        {
            Name = target.Name ?? image.Name,
            Properties = properties,
            Tags = target.Tags ?? image.Tags,
            Visibility = target.Visibility ?? image.Visibility,
            MinDisk = target.MinDisk ?? image.MinDisk,
            MinRam = target.MinRam ?? image.MinRam,
            Hidden = target.Hidden ?? image.Hidden,
            Protected = target.Protected ?? image.Protected,
            Status = target.Status ?? image.Status,
        };
    }
}
