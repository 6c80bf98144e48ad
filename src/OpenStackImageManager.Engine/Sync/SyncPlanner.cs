using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The plan of Compare-GlanceImage: for every version of every definition, create the image when it
/// is missing (or its upstream <c>latest</c> digest changed) and otherwise reconcile it; then report
/// duplicates and managed images no definition claims. Only reads.
/// </summary>
internal sealed class SyncPlanner : IImagePlanner
{
    public const string PlannerName = "Sync";

    public string Name => PlannerName;

    public async Task<IReadOnlyList<ImageChange>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = new List<ImageChange>();
        foreach (var definition in context.Definitions)
        {
            for (var i = 0; i < definition.Versions.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var version = definition.Versions[i];
                var isNewest = i == definition.Versions.Count - 1;
                await PlanVersionAsync(context, definition, version, isNewest, items, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var image in context.Inventory.Unmatched)
        {
            if (context.Options.IncludeOrphaned || !ImageInventory.NamesADefinition(image))
            {
                items.Add(ImageChanges.ForImage(ImageChangeKind.Orphaned, context.Session, image, null, null, ImageTarget.None, context.Settings, Name));
            }
        }

        items.AddRange(DuplicateHealing.Cleanup(context));
        return items;
    }

    private async Task PlanVersionAsync(PlanContext context, ImageDefinition definition, ImageVersion version, bool isNewest, List<ImageChange> items, CancellationToken cancellationToken)
    {
        var tag = context.Settings.ManagedTag;
        var candidates = context.Inventory.ForVersion(definition, version);
        var existing = candidates.FirstOrDefault(ImageInventory.IsUsable);
        var halfMade = candidates.FirstOrDefault(i => !ImageInventory.IsUsable(i));
        foreach (var duplicate in candidates.Where(c => c != existing && c != halfMade))
        {
            if (existing is not null && ImageInventory.IsUsable(duplicate))
            {
                items.AddRange(DuplicateHealing.Retire(context, definition, version, existing, duplicate));
                continue;
            }

            items.Add(ImageChanges.ForImage(ImageChangeKind.Orphaned, context.Session, duplicate, definition, version, ImageTarget.None, context.Settings, Name,
                $"a duplicate of {existing?.Id ?? halfMade?.Id}"));
        }

        if (existing is not null)
        {
            items.AddRange(DuplicateHealing.Unmark(context, definition, version, existing));
        }

        LatestInfo? latest = null;
        if (version.IsLatest)
        {
            latest = await context.Latest(version, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.Properties.GetValueOrDefault(DesiredImage.UpstreamChecksum) != latest.Digest)
            {
                // A new upstream build: the old image steps aside under its dated name, the new one takes the name.
                var dated = ImageNaming.GlanceName(definition, ImageNaming.VersionOf(definition, existing), isCurrent: false);
                items.Add(ImageChanges.ForImage(ImageChangeKind.Rename, context.Session, existing, definition, version, new ImageTarget { Name = dated }, context.Settings, Name,
                    $"upstream digest changed to {latest.Digest}"));
                existing = null;
            }
        }

        if (existing is null)
        {
            if (context.Options.LatestOnly && !isNewest && halfMade is null)
            {
                return;
            }

            var desired = DesiredImage.For(definition, version, tag, null, latest);
            var capabilities = await context.Capabilities(cancellationToken).ConfigureAwait(false);
            // Chosen once, here: the importer uses what the item names.
            var method = ImportMethods.Choose(context.Settings.ImportMethod, context.Settings.ChecksumPolicy, definition, version, capabilities);
            items.Add(ImageChanges.ForCreate(context.Session, definition, version, desired, method, halfMade, context.Settings, Name));
            return;
        }

        if (halfMade is not null)
        {
            items.Add(ImageChanges.ForImage(ImageChangeKind.Orphaned, context.Session, halfMade, definition, version, ImageTarget.None, context.Settings, Name,
                $"a half-made duplicate ({halfMade.Status}) of {existing.Id}"));
        }

        var wanted = DesiredImage.For(definition, version, tag, existing, latest);
        var before = items.Count;
        foreach (var (kind, target) in ImageDiff.Compare(existing, wanted))
        {
            items.Add(ImageChanges.ForImage(kind, context.Session, existing, definition, version, target, context.Settings, Name));
        }

        if (items.Count == before && context.Options.IncludeUnchanged)
        {
            items.Add(ImageChanges.ForImage(ImageChangeKind.NoChange, context.Session, existing, definition, version, ImageTarget.None, context.Settings, Name));
        }
    }
}
