using System.Globalization;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// The images as a plan would leave them: each item applied to the image it names (a Create becomes a
/// new image with the properties, tags and visibility it is created with; a Delete removes it). Only
/// reads its input; the result is what the standards judge before anything is sent.
/// </summary>
public static class PlannedImages
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
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var visibility = change.Definition?.Visibility.ToLowerInvariant() ?? "private";
        IReadOnlyList<string> tags = [];
        foreach (var property in change.Changes)
        {
            switch (property.Name)
            {
                case "tags":
                    tags = Split(property.NewValue);
                    break;
                case "visibility":
                    visibility = property.NewValue ?? visibility;
                    break;
                default:
                    if (property.NewValue is { } value)
                    {
                        properties[property.Name] = value;
                    }

                    break;
            }
        }

        return new GlanceImage
        {
            // No id yet: results for it name the image only.
            Id = change.ImageId ?? string.Empty,
            Name = change.ImageName,
            Status = change.Definition?.Status.ToLowerInvariant() ?? "active",
            Visibility = visibility,
            Hidden = change.ImageVersion?.Hidden ?? false,
            Tags = tags,
            Properties = properties,
            MinDisk = change.Definition?.MinDisk ?? 0,
            MinRam = change.Definition?.MinRam ?? 0,
            HashAlgorithm = hash,
            Owner = owner,
            CreatedAt = now,
            Cloud = change.Cloud,
        };
    }

    private static GlanceImage Changed(GlanceImage image, ImageChange change)
    {
        switch (change.Kind)
        {
            case ImageChangeKind.UpdateProperties:
                var properties = new Dictionary<string, string>(image.Properties, StringComparer.Ordinal);
                foreach (var property in change.Changes)
                {
                    if (property.NewValue is { } value)
                    {
                        properties[property.Name] = value;
                    }
                    else
                    {
                        properties.Remove(property.Name);
                    }
                }

                return image with { Properties = properties };
            case ImageChangeKind.UpdateTags:
                return image with { Tags = Split(New(change)) };
            case ImageChangeKind.UpdateMinDisk:
                return image with { MinDisk = Number(New(change), image.MinDisk) };
            case ImageChangeKind.UpdateMinRam:
                return image with { MinRam = Number(New(change), image.MinRam) };
            case ImageChangeKind.SetVisibility:
                return image with { Visibility = New(change) ?? image.Visibility };
            case ImageChangeKind.SetHidden:
                return image with { Hidden = New(change) == "true" };
            case ImageChangeKind.Rename:
                return image with { Name = New(change) ?? image.Name };
            case ImageChangeKind.Deactivate:
                return image with { Status = "deactivated" };
            case ImageChangeKind.Reactivate:
                return image with { Status = "active" };
            default:
                return image;
        }
    }

    private static string? New(ImageChange change) => change.Changes.Count == 0 ? null : change.Changes[0].NewValue;

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
