namespace OpenStackImageManager.Models;

/// <summary>
/// What a sync did, counted per image: <c>12 created, 3 changed, 2 hidden, 1 deleted; 1 failed</c>.
/// An image with a failed item counts as failed, one whose items were all skipped as skipped.
/// </summary>
public sealed class SyncSummary
{
    public string? Cloud { get; init; }

    public int Created { get; init; }

    public int Changed { get; init; }

    public int Hidden { get; init; }

    public int Deactivated { get; init; }

    public int Deleted { get; init; }

    public int Failed { get; init; }

    /// <summary>Declined (-WhatIf, -Confirm), nothing to do, or not attempted after an earlier failure.</summary>
    public int Skipped { get; init; }

    public static SyncSummary Of(IEnumerable<ImageSyncResult> results, string? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        int created = 0, changed = 0, hidden = 0, deactivated = 0, deleted = 0, failed = 0, skipped = 0;
        foreach (var image in results.GroupBy(r => ImageChangeCategories.KeyOf(r.Change)))
        {
            if (image.Any(r => r.Outcome == SyncOutcome.Failed))
            {
                failed++;
                continue;
            }

            var done = image.Where(r => r.Outcome == SyncOutcome.Succeeded).Select(r => ImageChangeCategories.Of(r.Change)).ToList();
            if (done.Count == 0)
            {
                skipped++;
                continue;
            }

            switch (done.Max())
            {
                case ImageChangeCategory.Create: created++; break;
                case ImageChangeCategory.Hide: hidden++; break;
                case ImageChangeCategory.Deactivate: deactivated++; break;
                case ImageChangeCategory.Delete: deleted++; break;
                default: changed++; break;
            }
        }

        return new SyncSummary
        {
            Cloud = cloud, Created = created, Changed = changed, Hidden = hidden, Deactivated = deactivated,
            Deleted = deleted, Failed = failed, Skipped = skipped,
        };
    }

    /// <summary>The counts alone: <c>12 created, 3 changed, 2 hidden, 1 deleted, 1 failed, 2 skipped</c>.</summary>
    public string Counts()
    {
        var parts = new List<string> { $"{Created} created", $"{Changed} changed", $"{Hidden} hidden" };
        if (Deactivated > 0)
        {
            parts.Add($"{Deactivated} deactivated");
        }

        parts.Add($"{Deleted} deleted");
        parts.Add($"{Failed} failed");
        parts.Add($"{Skipped} skipped");
        return string.Join(", ", parts);
    }

    public override string ToString() => $"{(Cloud is null ? "Sync" : $"Sync of {Cloud}")}: {Counts()}.";
}
