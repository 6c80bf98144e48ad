using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// A source of plan items. The sync planner (<see cref="SyncPlanner"/>) turns definitions into
/// creates and reconciliations; rotation (<see cref="Rotation.RotationPlanner"/>) implements this interface to add renames,
/// visibility changes, deactivations and deletions of older versions. Planners only read: they get
/// the one inventory of the run and return items; <see cref="PlanExecutor"/> applies any of them.
/// </summary>
public interface IImagePlanner
{
    /// <summary>Stamped on each item as <see cref="ImageChange.Planner"/>.</summary>
    string Name { get; }

    /// <summary>
    /// Items for <paramref name="context"/>. <see cref="PlanContext.Planned"/> holds what planners before
    /// this one produced, so a later planner can see (for example) that a new version is about to be created.
    /// </summary>
    Task<IReadOnlyList<ImageChange>> PlanAsync(PlanContext context, CancellationToken cancellationToken);
}

/// <summary>Everything a planner may read: the definitions, the inventory, the session and the options of the run.</summary>
public sealed class PlanContext
{
    public required OpenStackSession Session { get; init; }

    public required IReadOnlyList<ImageDefinition> Definitions { get; init; }

    public required ImageInventory Inventory { get; init; }

    public required PlanOptions Options { get; init; }

    /// <summary>Items of the planners that ran before, in plan order.</summary>
    public IReadOnlyList<ImageChange> Planned { get; init; } = [];

    /// <summary>What the cloud offers for imports; fetched on first use (only when something is created).</summary>
    public required Func<CancellationToken, Task<ImportCapabilities>> Capabilities { get; init; }

    /// <summary>Upstream digest lookups for <c>latest</c> versions.</summary>
    public required Func<ImageVersion, CancellationToken, Task<LatestInfo>> Latest { get; init; }

    /// <summary>
    /// The run rotates with the explicit delete switches (and its definitions had no error): a duplicate the
    /// sync retires is also deactivated and deleted, as rotation would (docs/BEHAVIOUR.md, "Overlapping runs").
    /// </summary>
    public bool DeleteDuplicates { get; init; }

    /// <summary>The log of the run; planners write their notices and warnings here.</summary>
    public IOperationLog Log { get; init; } = NullOperationLog.Instance;

    /// <summary>The run's decisions every item carries (<see cref="ImageChange.Settings"/>); one instance per plan.</summary>
    public PlanSettings Settings
    {
        get => _settings ??= Options.ToSettings();
        init => _settings = value;
    }

    private PlanSettings? _settings;
}

/// <summary>Switches of a planning run.</summary>
public sealed record PlanOptions
{
    /// <summary>The tag that marks our images (the Python tool's --tag).</summary>
    public string ManagedTag { get; init; } = Defaults.ManagedTag;

    /// <summary>Only the newest version of each definition is created when missing (the Python tool's --latest).</summary>
    public bool LatestOnly { get; init; }

    /// <summary>Also NoChange items.</summary>
    public bool IncludeUnchanged { get; init; }

    /// <summary>
    /// The given definitions are the whole catalog: a managed image that names a definition not among
    /// them is Orphaned too. Off, only images that name no definition at all are (a filtered run must
    /// not call every other definition's images orphans).
    /// </summary>
    public bool IncludeOrphaned { get; init; }

    /// <summary>
    /// The keep window of every definition (<c>Sync-GlanceImage -Rotation @{ Keep = N }</c>); null: the
    /// definition's <c>uuid_validity: last-N</c>, else 3. Versions of a <c>multi: true</c> definition that
    /// are missing in the cloud and fall beyond it are not imported (docs/BEHAVIOUR.md, "Rotation and cleanup").
    /// </summary>
    public int? Keep { get; init; }

    public ImportMethod ImportMethod { get; init; } = ImportMethod.Auto;

    public ChecksumPolicy ChecksumPolicy { get; init; } = ChecksumPolicy.Require;

    /// <summary>
    /// A version whose declared checksum changed is imported anew (-Reimport, --reimport-changed): the new
    /// image is created and verified first, then the current one is renamed aside (its version label gets
    /// a <c>-replaced-</c> suffix, so it becomes rotation's material). Off, such a version is a Conflict
    /// item that fails the run.
    /// </summary>
    public bool ReimportChanged { get; init; }

    /// <summary>What the plan's upstream look-ups (a latest version's checksum file) may read, and how patiently.</summary>
    public Transfer.UpstreamOptions Upstream { get; init; } = new();

    /// <summary>The part of these options the plan items carry to the apply step.</summary>
    public PlanSettings ToSettings() => new() { ManagedTag = ManagedTag, ImportMethod = ImportMethod, ChecksumPolicy = ChecksumPolicy };
}

/// <summary>What GET /v2/info/import says, plus the hash algorithm Glance uses (seen on existing images).</summary>
public sealed record ImportCapabilities(IReadOnlyList<string> Methods, string? HashAlgorithm)
{
    public bool Offers(string method) => Methods.Contains(method, StringComparer.Ordinal);
}
