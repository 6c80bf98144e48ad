using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// The rotation rules (docs/BEHAVIOUR.md, "Rotation and cleanup") as a pure function: definitions, the
/// inventory of the run, what other planners planned and the options in; an ordered list of plan
/// items and the notices to show out. No I/O, no clock (the date comes in), so every rule is a table row in the tests.
/// </summary>
/// <remarks>
/// Per definition the images form a timeline, newest first. The newest N (the keep window) stay as the
/// definition says; the newest of all is called <c>Name</c> (<c>multi: true</c>), the others
/// <c>Name (version)</c>. Older ones become <c>community</c> (or <c>os_hidden</c>), and only on request
/// are deactivated and deleted, in that order, unless a rule protects them. Images marked
/// <see cref="DesiredImage.RetiredKey"/> are handed back to the definition's state when they re-enter the window.
/// </remarks>
internal static class RotationPolicy
{
    public const string PlannerName = "Rotation";

    /// <summary>The window when neither -Keep nor <c>uuid_validity: last-N</c> says otherwise.</summary>
    public const int DefaultKeep = 3;

    public static RotationPlan Plan(RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = new List<ImageChange>();
        var notices = new List<RotationNotice>();
        foreach (var definition in input.Definitions)
        {
            PlanDefinition(input, definition, items, notices);
        }

        PlanOrphans(input, items, notices);
        return new RotationPlan(items, notices);
    }

    private static void PlanDefinition(RotationInput input, ImageDefinition definition, List<ImageChange> items, List<RotationNotice> notices)
    {
        var timeline = RotationTimeline.For(definition, input.Inventory, input.Planned);
        var validity = UuidValidity.Of(definition);
        var keep = KeepWindow.SizeOf(definition, input.Options.Keep);
        var olderGeneric = input.Options.OlderGeneric == OlderGenericImages.Unchanged
            ? new bool[timeline.Count]
            : OlderGenericRule.Mark(definition, timeline);
        // The Creates of this run above each rank: what exists only because they arrive waits for them.
        var creates = new List<ImageChange>();
        var bare = definition.Multi ? definition.Name : null;
        var takesBareName = timeline.Count > 0 && timeline[0].Image is null && definition.Multi
            ? RotationTimeline.CreateOf(definition, timeline[0].Version!, input.Planned)
            : null;
        var restore = takesBareName is not null ? Restorable(timeline, bare!) : null;
        for (var rank = 0; rank < timeline.Count; rank++)
        {
            var entry = timeline[rank];
            if (entry.Image is not { } image)
            {
                if (entry.Version is { } creating && RotationTimeline.CreateOf(definition, creating, input.Planned) is { } create)
                {
                    creates.Add(create);
                }

                continue;
            }

            var markOld = olderGeneric[rank] && input.Options.OlderGeneric == OlderGenericImages.OldGeneric;
            var name = markOld && definition.Multi
                ? OlderGenericRule.NameOf(definition, entry, image)
                : RotationTimeline.NameOf(definition, entry, rank);
            // multi: false lists each version it wants: those are never rotated, only the ones it dropped.
            var pinned = !definition.Multi && !entry.Retired;
            var inWindow = pinned || rank < keep;
            var context = new ImageContext(input, definition, entry.Version, image, items);
            if (!definition.Multi && entry.Retired && input.Options.KeepUndefinedVersions)
            {
                notices.Add(new(image, RotationNoticeLevel.Verbose, $"kept as it is: '{image.Name}' is a version the definition no longer lists (-KeepUndefinedVersions)"));
                continue;
            }

            var holder = image;
            if (ReferenceEquals(image, restore))
            {
                // No working image is called Name while the new build imports: the newest active one holds it until then.
                context.Add(ImageChangeKind.Rename, new ImageTarget { Name = bare }, $"no working image is called '{bare}'");
                holder = image with { Name = bare! };
            }

            if (holder.Name != name)
            {
                // Giving up the bare name waits for the Create that takes it; a failed import leaves the name here.
                var handOff = takesBareName is not null && holder.Name == bare ? new[] { takesBareName } : [];
                context.Add(ImageChangeKind.Rename, new ImageTarget { Name = name }, $"newest {rank + 1} of {definition.Name}", after: handOff, asOf: holder);
            }

            var hideOld = olderGeneric[rank] && input.Options.OlderGeneric == OlderGenericImages.Hide;
            if (inWindow)
            {
                Restore(context, definition, entry.Version, keepHidden: hideOld);
            }
            else
            {
                // Pushed out of the window only by this run's new images: retired once they are in, not before.
                context.After = rank - creates.Count < keep ? creates.ToArray() : [];
                Retire(context, validity, definition.Keep, $"{definition.Name}: #{rank + 1}, keeping the newest {keep}", notices);
                context.After = [];
            }

            // The newer generic image may be one this run imports: stepping aside waits for it too.
            context.After = markOld || hideOld ? creates.ToArray() : [];
            KeepGenericUnique(context, definition, entry.Version, markOld, hideOld, $"{definition.Name}: #{rank + 1}, a newer generic image has its os_distro and os_version");
            context.After = [];
        }
    }

    /// <summary>
    /// The image that holds the bare name while this run imports the new build, when none is called so: the
    /// newest active one (a half-made or pending image is not in the timeline at all). Null when one is.
    /// </summary>
    private static GlanceImage? Restorable(IReadOnlyList<TimelineEntry> timeline, string bare)
    {
        var images = timeline.Select(e => e.Image).OfType<GlanceImage>().ToArray();
        return images.Any(i => i.Name == bare && i.Status == "active") ? null : images.FirstOrDefault(i => i.Status == "active");
    }

    /// <summary>
    /// An older generic image becomes oldgeneric (with the marker that hands its name and os_purpose
    /// to rotation) or hidden; an image that is no longer an older generic one gets its purpose back.
    /// </summary>
    private static void KeepGenericUnique(ImageContext context, ImageDefinition definition, ImageVersion? version, bool markOld, bool hideOld, string why)
    {
        var image = context.Image;
        var marked = image.Properties.ContainsKey(DesiredImage.OldGenericKey);
        var purpose = image.Properties.GetValueOrDefault("os_purpose");
        if (markOld)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (purpose != OlderGenericRule.OldGeneric)
            {
                properties["os_purpose"] = OlderGenericRule.OldGeneric;
            }

            if (!marked)
            {
                properties[DesiredImage.OldGenericKey] = "true";
            }

            if (properties.Count > 0)
            {
                context.Add(ImageChangeKind.UpdateProperties, new ImageTarget { Properties = properties }, why);
            }
        }
        else if (marked)
        {
            var wanted = OlderGenericRule.WantedPurpose(definition, version);
            context.Add(
                ImageChangeKind.UpdateProperties,
                wanted is null
                    ? new ImageTarget { RemovedProperties = ["os_purpose", DesiredImage.OldGenericKey] }
                    : new ImageTarget { Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["os_purpose"] = wanted }, RemovedProperties = [DesiredImage.OldGenericKey] },
                "no longer an older generic image");
        }

        if (hideOld && !image.Hidden && !context.Planned(ImageChangeKind.SetHidden))
        {
            context.Add(ImageChangeKind.SetHidden, new ImageTarget { Hidden = true }, why);
        }
    }

    private static void PlanOrphans(RotationInput input, List<ImageChange> items, List<RotationNotice> notices)
    {
        var orphans = input.Inventory.Unmatched.Where(ImageInventory.IsUsable).ToArray();
        if (orphans.Length == 0)
        {
            return;
        }

        if (!input.Options.IncludeOrphaned)
        {
            foreach (var image in orphans)
            {
                notices.Add(new(image, RotationNoticeLevel.Warning,
                    $"managed image '{image.Name}' ({image.Id}) belongs to no given definition; left as it is (use -IncludeOrphaned to rotate it out)"));
            }

            return;
        }

        foreach (var image in orphans)
        {
            Retire(new ImageContext(input, null, null, image, items), UuidValidity.Unset, keepDefinition: false, "its definition is gone", notices);
        }
    }

    /// <summary>Inside the window: undo what rotation did (marker, community, os_hidden, deactivation); never hide the newest (the Python tool hid it with --use-os-hidden).</summary>
    private static void Restore(ImageContext context, ImageDefinition definition, ImageVersion? version, bool keepHidden)
    {
        var image = context.Image;
        var retired = image.Properties.ContainsKey(DesiredImage.RetiredKey);
        var visibility = (version?.Visibility ?? definition.Visibility).ToLowerInvariant();
        var hidden = keepHidden || (version?.Hidden ?? false);
        if (image.Visibility != visibility && (retired || image.Visibility == "community"))
        {
            context.Add(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = visibility }, "inside the keep window");
        }

        if (image.Hidden && !hidden)
        {
            context.Add(ImageChangeKind.SetHidden, new ImageTarget { Hidden = false }, "inside the keep window");
        }

        if (retired)
        {
            context.Add(ImageChangeKind.UpdateProperties, new ImageTarget { RemovedProperties = [DesiredImage.RetiredKey] }, "inside the keep window");
            if (image.Status == "deactivated" && definition.Status.Equals("active", StringComparison.OrdinalIgnoreCase))
            {
                context.Add(ImageChangeKind.Reactivate, new ImageTarget { Status = "active" }, "inside the keep window");
            }
        }
    }

    /// <summary>Beyond the window: deactivate (on request) → community/os_hidden → delete (on request), each only where the rules allow.</summary>
    private static void Retire(ImageContext context, UuidValidity validity, bool keepDefinition, string why, List<RotationNotice> notices)
    {
        var input = context.Input;
        var options = input.Options;
        var image = context.Image;
        var blocker = Blocker(input, image, validity);
        var delete = options.Delete && blocker is null && !keepDefinition;
        var deactivate = (options.Deactivate || delete) && blocker is null;
        if (options.Delete || options.Deactivate)
        {
            if (blocker is not null)
            {
                var level = image.Protected || input.HadErrors ? RotationNoticeLevel.Warning : RotationNoticeLevel.Verbose;
                notices.Add(new(image, level, $"image '{image.Name}' ({image.Id}) is kept, not {(options.Delete ? "deactivated or deleted" : "deactivated")}: {blocker}"));
            }
            else if (options.Delete && keepDefinition)
            {
                notices.Add(new(image, RotationNoticeLevel.Verbose, $"image '{image.Name}' ({image.Id}) is not deleted: its definition says keep: true"));
            }
        }

        if (deactivate && image.Status == "active")
        {
            // Destructive: never after an error in the same run, and applied in the last phase.
            context.Add(ImageChangeKind.Deactivate, new ImageTarget { Status = "deactivated" }, why, destructive: true);
        }

        if (options.UseOsHidden)
        {
            if (!image.Hidden)
            {
                context.Add(ImageChangeKind.SetHidden, new ImageTarget { Hidden = true }, why);
            }
        }
        else if (image.Visibility != "community")
        {
            context.Add(ImageChangeKind.SetVisibility, new ImageTarget { Visibility = "community" }, why);
        }

        if (!image.Properties.ContainsKey(DesiredImage.RetiredKey))
        {
            // Tells the sync planner that visibility, os_hidden and status of this image are rotation's.
            context.Add(ImageChangeKind.UpdateProperties, new ImageTarget { Properties = new Dictionary<string, string> { [DesiredImage.RetiredKey] = "true" } }, why);
        }

        if (delete)
        {
            context.Add(ImageChangeKind.Delete, ImageTarget.None, why, destructive: true);
        }
    }

    /// <summary>Why the image may be neither deactivated nor deleted, or null.</summary>
    private static string? Blocker(RotationInput input, GlanceImage image, UuidValidity validity)
    {
        if (image.Protected)
        {
            return "it is protected";
        }

        if (input.HadErrors)
        {
            return "an earlier step of this run failed";
        }

        return validity.Forbids(input.Today, input.Options.IncludeValidityNone);
    }

    /// <summary>Adds items for one image, leaving out what another planner of the run already planned for it.</summary>
    private sealed class ImageContext(RotationInput input, ImageDefinition? definition, ImageVersion? version, GlanceImage image, List<ImageChange> items)
    {
        public RotationInput Input { get; } = input;

        public GlanceImage Image { get; } = image;

        /// <summary>What the items added now wait for (the Creates that push the image out of the window).</summary>
        public IReadOnlyList<ImageChange> After { get; set; } = [];

        /// <summary>Whether this run already plans an item of <paramref name="kind"/> for the image (rotation's own included).</summary>
        public bool Planned(ImageChangeKind kind) =>
            items.Any(p => p.ImageId == Image.Id && p.Kind == kind) || Input.Planned.Any(p => p.ImageId == Image.Id && p.Kind == kind);

        /// <summary>
        /// Adds an item unless another planner planned the same; <paramref name="asOf"/> is the image as an earlier
        /// item of this plan leaves it, <paramref name="after"/> (else <see cref="After"/>) what the item waits for.
        /// </summary>
        public void Add(ImageChangeKind kind, ImageTarget target, string note, bool destructive = false, IReadOnlyList<ImageChange>? after = null, GlanceImage? asOf = null)
        {
            var item = ImageChanges.ForImage(kind, Input.Session, asOf ?? Image, definition, version, target, Input.Settings, PlannerName, note, destructive);
            // Same image, kind and values: both render the same changes from the same image.
            var already = Input.Planned.Any(p => p.ImageId == Image.Id && p.Kind == kind && p.Changes.SequenceEqual(item.Changes));
            if (already)
            {
                return;
            }

            var waitFor = after ?? After;
            items.Add(waitFor.Count == 0 ? item : item.WaitingFor(waitFor, BareNameHandOff.Note(waitFor)));
        }
    }
}

/// <summary>What the rotation of one run starts from.</summary>
internal sealed record RotationInput
{
    public required OpenStackSession Session { get; init; }

    public required IReadOnlyList<ImageDefinition> Definitions { get; init; }

    public required ImageInventory Inventory { get; init; }

    public required ImageRotationOptions Options { get; init; }

    /// <summary>The run's decisions every item carries.</summary>
    public PlanSettings Settings { get; init; } = PlanSettings.Default;

    /// <summary>Items other planners of the run produced (a sync's creates and renames).</summary>
    public IReadOnlyList<ImageChange> Planned { get; init; } = [];

    /// <summary>Today, for <c>uuid_validity: &lt;date&gt;</c>.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Something in this run already failed: nothing is deactivated or deleted.</summary>
    public bool HadErrors { get; init; }
}

/// <summary>The items of a rotation and what to tell the user about images it leaves alone.</summary>
internal sealed record RotationPlan(IReadOnlyList<ImageChange> Items, IReadOnlyList<RotationNotice> Notices);

internal sealed record RotationNotice(GlanceImage Image, RotationNoticeLevel Level, string Message);

internal enum RotationNoticeLevel
{
    Verbose,
    Warning,
}
