using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The state one run keeps for one cloud session: the Glance client, the import discovery (asked at
/// most once, and only when something is created) and the managed tag.
/// </summary>
internal sealed class SyncRun
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImportCapabilities? _capabilities;

    public SyncRun(OpenStackSession session, GlanceClient glance, string managedTag, string? projectId)
    {
        Session = session;
        Glance = glance;
        ManagedTag = managedTag;
        ProjectId = projectId;
    }

    /// <summary>The run's state for <paramref name="session"/>; its Glance requests log to <paramref name="log"/>.</summary>
    internal static SyncRun For(OpenStackSession session, string managedTag, IOperationLog log)
    {
        var live = SessionRegistry.Resolve(session);
        return new SyncRun(session, live.Glance.WithLog(log), managedTag, live.Token.ProjectId);
    }

    public OpenStackSession Session { get; }

    public GlanceClient Glance { get; }

    public string ManagedTag { get; }

    public string? ProjectId { get; }

    /// <summary>
    /// This run's id (a Guid in "N" form): the value of the pending marker (<see cref="DesiredImage.PendingKey"/>)
    /// on every image the run creates until its bytes are verified.
    /// </summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The catalog lease's storage for this run's project and managed tag.</summary>
    internal Leases.LeaseStore Leases => new(Glance, ProjectId
        ?? throw new Errors.OpenStackException(Errors.OpenStackErrorKind.Configuration, $"the session for {Session.Cloud} is not scoped to a project; the catalog lease needs one"), ManagedTag);

    /// <summary>Glance's hash algorithm as seen on an existing image; sha512 is Glance's default.</summary>
    public string? HashAlgorithm { get; set; }

    public async Task<ImportCapabilities> CapabilitiesAsync(CancellationToken cancellationToken)
    {
        if (_capabilities is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_capabilities is null)
            {
                var found = await Glance.GetImportMethodsAsync(cancellationToken).ConfigureAwait(false);
                _capabilities = new ImportCapabilities(found, HashAlgorithm);
            }

            return _capabilities;
        }
        finally
        {
            _gate.Release();
        }
    }
}
