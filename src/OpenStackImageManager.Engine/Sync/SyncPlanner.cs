using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Rotation;
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
        var refusals = new List<ImportRefusal>();
        foreach (var definition in context.Definitions)
        {
            var window = KeepWindow.For(definition, context.Inventory, context.Options.Keep);
            for (var i = 0; i < definition.Versions.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var version = definition.Versions[i];
                var isNewest = i == definition.Versions.Count - 1;
                await PlanVersionAsync(context, definition, version, isNewest, window, items, refusals, cancellationToken).ConfigureAwait(false);
            }
        }

        // Decided before anything is created: a run that cannot import and verify an image as asked
        // refuses as a whole, instead of creating, failing and deleting each image in turn.
        if (refusals.Count > 0)
        {
            throw new ImportRefusedException(refusals);
        }

        foreach (var image in context.Inventory.Unmatched)
        {
            if (context.Options.IncludeOrphaned || !ImageInventory.NamesADefinition(image))
            {
                items.Add(ImageChanges.ForImage(ImageChangeKind.Orphaned, context.Session, image, null, null, ImageTarget.None, context.Settings, Name));
            }
        }

        items.AddRange(DuplicateHealing.Cleanup(context));
        // The former newest image gives up its name only once the new build that takes it is in.
        return BareNameHandOff.Link(items);
    }

    private async Task PlanVersionAsync(
        PlanContext context, ImageDefinition definition, ImageVersion version, bool isNewest, KeepWindow window, List<ImageChange> items, List<ImportRefusal> refusals, CancellationToken cancellationToken)
    {
        var tag = context.Settings.ManagedTag;
        var candidates = context.Inventory.ForVersion(definition, version);
        // An image still marked pending holds bytes nobody verified: never this version's image, whatever its status.
        var existing = candidates.FirstOrDefault(DesiredImage.IsFinished);
        var halfMade = candidates.FirstOrDefault(i => i != existing && !DesiredImage.IsFinished(i));
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

        ChecksumChange? changed = existing is not null && !version.IsLatest ? ChecksumChange.Of(existing, definition, version) : null;
        if (changed is not null && context.Options.ReimportChanged && version.Id != existing!.Id)
        {
            // Re-import: the new image is created and verified first; the current one stays until then.
            context.Log.Warning($"{version.GlanceName}: {changed.Text}; re-importing it (the current image {existing.Id} stays until the new one is verified).");
            await PlanCreateAsync(context, definition, version, latest, existing, changed.Text, items, refusals, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (existing is null)
        {
            if (context.Options.LatestOnly && !isNewest && halfMade is null)
            {
                return;
            }

            // Keep window: rotation would retire this image in the same run (or already deleted it).
            if (!window.Admits(version))
            {
                context.Log.Verbose(window.NotImported(definition, version));
                return;
            }

            await PlanCreateAsync(context, definition, version, latest, halfMade, null, items, refusals, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (changed is not null)
        {
            // Never in silence: the recorded checksum and image_source keep describing the bytes the image
            // has, and the run fails until the catalog or the re-import switch decides.
            var why = version.Id == existing.Id
                ? $"{changed.Text}; the version's fixed id {existing.Id} cannot be re-imported (Glance never gives a used id to a new image): give the version a new id, or restore the old checksum"
                : $"{changed.Text}; plan with the re-import switch (-Reimport, --reimport-changed) to import it anew, or restore the old checksum";
            context.Log.Warning($"{version.GlanceName}: {why}.");
            items.Add(ImageChanges.ForImage(ImageChangeKind.Conflict, context.Session, existing, definition, version, ImageTarget.None, context.Settings, Name, why));
        }

        if (halfMade is not null)
        {
            items.Add(ImageChanges.ForImage(ImageChangeKind.Orphaned, context.Session, halfMade, definition, version, ImageTarget.None, context.Settings, Name,
                $"a half-made duplicate ({halfMade.Status}) of {existing.Id}"));
        }

        var wanted = DesiredImage.For(definition, version, tag, existing, latest);
        if (changed is not null)
        {
            wanted = wanted.Describing(existing);
        }

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

    private async Task PlanCreateAsync(
        PlanContext context, ImageDefinition definition, ImageVersion version, LatestInfo? latest, GlanceImage? replaces, string? note,
        List<ImageChange> items, List<ImportRefusal> refusals, CancellationToken cancellationToken)
    {
        var desired = DesiredImage.For(definition, version, context.Settings.ManagedTag, null, latest);
        var capabilities = await context.Capabilities(cancellationToken).ConfigureAwait(false);
        // Chosen once, here: the importer uses what the item names.
        var choice = ImportMethods.Choose(context.Settings.ImportMethod, context.Settings.ChecksumPolicy, definition, version, capabilities);
        if (choice.Refusal is { } refusal)
        {
            refusals.Add(refusal);
            return;
        }

        items.Add(ImageChanges.ForCreate(context.Session, definition, version, desired, choice.Method!.Value, replaces, context.Settings, Name, note));
    }
}
