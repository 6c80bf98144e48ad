using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// A plan may be older than the lease its apply takes (made while another run was working, or piped from
/// Compare-GlanceImage a while ago). Under the lease, one new listing tells which items another run made
/// pointless or unsafe since: a Create whose version now has a finished image of the same build, and an
/// item whose image is gone or changed. Those are skipped with the reason; the next run plans them anew.
/// </summary>
internal static class PlanFreshness
{
    /// <summary>The items of <paramref name="items"/> not to apply, each with why; <paramref name="images"/> is the listing taken under the lease.</summary>
    public static IReadOnlyDictionary<ImageChange, string> Stale(IReadOnlyList<ImageChange> items, IReadOnlyList<GlanceImage> images)
    {
        var stale = new Dictionary<ImageChange, string>(ReferenceEqualityComparer.Instance);
        var byId = images.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var definitions = items.Where(i => i.Kind == ImageChangeKind.Create && i.Definition is not null)
            .Select(i => i.Definition!).DistinctBy(d => d.Name).ToArray();
        var inventory = new ImageInventory(images, definitions);
        foreach (var item in items)
        {
            if (item.Image is { } planned && byId.GetValueOrDefault(planned.Id) is var now
                && !StillALeftover(item, planned, now) && Changed(planned, now) is { } how)
            {
                stale[item] = $"not applied: image {planned.Id} {how} since the plan (another run?); the next run plans it again";
                continue;
            }

            if (item.Kind == ImageChangeKind.Create && item.Definition is { } definition && item.ImageVersion is { } version
                && inventory.ForVersion(definition, version).FirstOrDefault(i => ImageInventory.IsUsable(i) && SameBuild(i, item.Target)) is { } made)
            {
                stale[item] = $"not created: image {made.Id} of this version was made since the plan (by another run)";
            }
        }

        return stale;
    }

    /// <summary>
    /// A cleanup Delete of an unverified image stays right while the image is still the same unverified
    /// leftover: the same run's pending marker (or no verified bytes at all), unprotected, not visible to
    /// others. Glance may still be importing it for the run that died (its status moves on), and skipping
    /// the delete for that would leave it to yet another run.
    /// </summary>
    private static bool StillALeftover(ImageChange item, GlanceImage planned, GlanceImage? now) =>
        now is not null
        && DuplicateHealing.IsCleanup(item)
        && ImageInventory.IsUnverified(now)
        && !now.Protected
        && now.Visibility is "private" or "shared"
        && now.Properties.GetValueOrDefault(DesiredImage.PendingKey) == planned.Properties.GetValueOrDefault(DesiredImage.PendingKey);

    /// <summary>How <paramref name="now"/> differs from the image as planned, or null when it does not.</summary>
    private static string? Changed(GlanceImage planned, GlanceImage? now)
    {
        if (now is null)
        {
            return "is gone";
        }

        var same = now.UpdatedAt == planned.UpdatedAt && now.Status == planned.Status && now.Name == planned.Name
            && now.Visibility == planned.Visibility && now.Hidden == planned.Hidden && now.Protected == planned.Protected
            && now.Properties.Count == planned.Properties.Count
            && now.Properties.All(p => planned.Properties.TryGetValue(p.Key, out var value) && value == p.Value);
        return same ? null : "changed";
    }

    /// <summary>The image stands for the build the Create would import: same internal_version and, when known, the same upstream checksum.</summary>
    private static bool SameBuild(GlanceImage image, ImageTarget target)
    {
        var wanted = target.Properties;
        return wanted.GetValueOrDefault(DesiredImage.InternalVersion) is { } version
            && image.Properties.GetValueOrDefault(DesiredImage.InternalVersion) == version
            && (wanted.GetValueOrDefault(DesiredImage.UpstreamChecksum) is not { } digest
                || string.Equals(image.Properties.GetValueOrDefault(DesiredImage.UpstreamChecksum), digest, StringComparison.OrdinalIgnoreCase));
    }
}
