using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// What the sync planner does with more than one image for one version, and with images whose bytes
/// nobody verified (docs/BEHAVIOUR.md, "Overlapping runs"): unverified leftovers are deleted unless
/// something protects them; a finished duplicate is retired out of the way (renamed, hidden, marked),
/// deleted only when the run rotates with the delete switches; the keeper is the best image of <see cref="ImageInventory.ForVersion"/>.
/// </summary>
internal static class DuplicateHealing
{
    /// <summary>Set on a retired duplicate: the id of the image kept for its version.</summary>
    public const string DuplicateOfKey = "oim_duplicate_of";

    /// <summary>
    /// A Delete for each unverified image in the run's scope that nothing protects: a protected one, a
    /// visible one, or one the live lease of another run covers stays (protected and visible ones with a warning).
    /// </summary>
    public static IEnumerable<ImageChange> Cleanup(PlanContext context)
    {
        // Glance never gives a deleted image's id to a new one: an image holding a version's fixed id is
        // the only way that version can ever exist, so it is the version's Create that reuses or replaces it.
        var fixedIds = context.Definitions.SelectMany(d => d.Versions).Select(v => v.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var leftover in context.Inventory.Cleanup)
        {
            var image = leftover.Image;
            if (fixedIds.Contains(image.Id))
            {
                context.Log.Verbose($"unverified image '{image.Name}' ({image.Id}) holds a version's fixed id; that version's import reuses or replaces it.");
                continue;
            }

            var inScope = leftover.Match is not null || context.Options.IncludeOrphaned || !ImageInventory.NamesADefinition(image);
            if (!inScope)
            {
                continue;
            }

            var what = Describe(image);
            if (leftover.KeptBecause is { } why)
            {
                var text = $"unverified image '{image.Name}' ({image.Id}, {what}) is left as it is: {why}";
                if (image.Protected || image.Visibility is not ("private" or "shared"))
                {
                    context.Log.Warning(text);
                }
                else
                {
                    context.Log.Verbose(text);
                }

                continue;
            }

            yield return ImageChanges.ForImage(ImageChangeKind.Delete, context.Session, image, leftover.Match?.Definition, leftover.Match?.Version,
                ImageTarget.None, context.Settings, SyncPlanner.PlannerName, $"unverified leftover: {what}");
        }
    }

    /// <summary>
    /// Retires <paramref name="duplicate"/>, a finished image of the version <paramref name="keeper"/> stands
    /// for: a name of its own (so the version's name means one image), community instead of public,
    /// os_hidden, and the markers that keep sync and rotation from handing it back its place.
    /// </summary>
    public static IEnumerable<ImageChange> Retire(PlanContext context, ImageDefinition definition, ImageVersion version, GlanceImage keeper, GlanceImage duplicate)
    {
        var why = $"a duplicate of {keeper.Id}";
        var name = $"{version.GlanceName} (duplicate {duplicate.Id[..Math.Min(8, duplicate.Id.Length)]})";
        if (duplicate.Name != name)
        {
            yield return Item(ImageChangeKind.Rename, new ImageTarget { Name = name });
        }

        if (duplicate.Visibility == "public")
        {
            yield return Item(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = "community" });
        }

        if (!duplicate.Hidden)
        {
            yield return Item(ImageChangeKind.SetHidden, new ImageTarget { Hidden = true });
        }

        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (duplicate.Properties.GetValueOrDefault(DuplicateOfKey) != keeper.Id)
        {
            marks[DuplicateOfKey] = keeper.Id;
        }

        if (!duplicate.Properties.ContainsKey(DesiredImage.RetiredKey))
        {
            marks[DesiredImage.RetiredKey] = "true";
        }

        if (marks.Count > 0)
        {
            yield return Item(ImageChangeKind.UpdateProperties, new ImageTarget { Properties = marks });
        }

        if (context.DeleteDuplicates)
        {
            if (duplicate.Protected || definition.Keep)
            {
                context.Log.Verbose($"duplicate image '{duplicate.Name}' ({duplicate.Id}) is not deleted: {(duplicate.Protected ? "it is protected" : "its definition says keep: true")}");
                yield break;
            }

            // As rotation deletes: deactivate → community → delete; destructive, so never after an error in the run.
            if (duplicate.Status == "active")
            {
                yield return Item(ImageChangeKind.Deactivate, new ImageTarget { Status = "deactivated" }, destructive: true);
            }

            yield return Item(ImageChangeKind.Delete, ImageTarget.None, destructive: true);
        }

        ImageChange Item(ImageChangeKind kind, ImageTarget target, bool destructive = false) =>
            ImageChanges.ForImage(kind, context.Session, duplicate, definition, version, target, context.Settings, SyncPlanner.PlannerName, why, destructive);
    }

    /// <summary>The kept image loses a duplicate mark an earlier run gave it (its better twin is gone).</summary>
    public static IEnumerable<ImageChange> Unmark(PlanContext context, ImageDefinition definition, ImageVersion version, GlanceImage keeper)
    {
        if (keeper.Properties.ContainsKey(DuplicateOfKey))
        {
            yield return ImageChanges.ForImage(ImageChangeKind.UpdateProperties, context.Session, keeper, definition, version,
                new ImageTarget { RemovedProperties = [DuplicateOfKey] }, context.Settings, SyncPlanner.PlannerName, "kept for its version");
        }
    }

    /// <summary>A Delete of an unverified image: needs no rotation switch and no second confirmation (it was never a catalog image).</summary>
    public static bool IsCleanup(ImageChange item) =>
        item.Kind == ImageChangeKind.Delete && item.Image is { } image && ImageInventory.IsUnverified(image) && !image.Protected;

    private static string Describe(GlanceImage image) =>
        image.Properties.GetValueOrDefault(DesiredImage.PendingKey) is { } run
            ? $"pending since run {run}, {image.Status}"
            : image.Status == "killed" ? "import killed" : $"import failed ({image.Status})";
}
