using System.Reflection;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>
/// A connection to the local test cloud whose every request is logged, with a managed tag of its own
/// (so other engineers' images on the same cloud never enter this test's inventory), a local image
/// server, and cleanup of every image carrying the tag.
/// </summary>
internal sealed class SyncCloud : IAsyncDisposable
{
    public static bool Available => Environment.GetEnvironmentVariable("OIM_TESTCLOUD") == "1"
        && Environment.GetEnvironmentVariable("OS_CLIENT_CONFIG_FILE") is { Length: > 0 };

    public static string RepoRoot { get; } = typeof(SyncCloud).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private SyncCloud(OpenStackSession session, CloudSession live, RequestLog requests, string tag, string work)
    {
        Session = session;
        Live = live;
        Requests = requests;
        Tag = tag;
        Work = work;
        Server = new LocalImageServer(work);
    }

    public OpenStackSession Session { get; }

    internal CloudSession Live { get; }

    public RequestLog Requests { get; }

    public string Tag { get; }

    /// <summary>Short unique prefix for names in this test.</summary>
    public string RunId => Tag[^8..];

    public string Work { get; }

    public LocalImageServer Server { get; }

    internal GlanceClient Glance => Live.Glance;

    public static async Task<SyncCloud> ConnectAsync(string cloud = "oim-p1")
    {
        var requests = new RequestLog();
        var config = CloudConfigLoader.ForProcess(null).Load(cloud, null, null);
        var transport = SessionFactory.TransportFor(config, o => o with { WireHandlers = [() => new RequestLogHandler(requests)] });
        var live = await SessionFactory.ConnectAsync(config, transport, CancellationToken.None);
        SessionRegistry.Add(live);
        var id = Guid.NewGuid().ToString("N")[..8];
        var work = Path.Combine(Path.GetTempPath(), "oim-sync-" + id);
        Directory.CreateDirectory(work);
        return new SyncCloud(live.ToModel(), live, requests, "oim-t5-" + id, work);
    }

    /// <summary>Connects again, as a new run (a new process) would: a new token, a new discovery.</summary>
    public async Task<(OpenStackSession Session, RequestLog Requests)> NewRunAsync()
    {
        var requests = new RequestLog();
        var config = CloudConfigLoader.ForProcess(null).Load(Session.Cloud, null, null);
        var transport = SessionFactory.TransportFor(config, o => o with { WireHandlers = [() => new RequestLogHandler(requests)] });
        var live = await SessionFactory.ConnectAsync(config, transport, CancellationToken.None);
        SessionRegistry.Add(live);
        return (live.ToModel(), requests);
    }

    public PlanOptions Options(ImportMethod method = ImportMethod.Auto, ChecksumPolicy policy = ChecksumPolicy.Require) =>
        new() { ManagedTag = Tag, ImportMethod = method, ChecksumPolicy = policy };

    /// <summary>Execution knobs only: what is applied (method, checksum policy, tag) comes with the plan items.</summary>
    public ExecutionOptions Execution(int throttle = 4) =>
        new() { ThrottleLimit = throttle, ImportTimeout = TimeSpan.FromMinutes(3), PollMinimum = TimeSpan.FromMilliseconds(200), PollMaximum = TimeSpan.FromSeconds(2) };

    public Task<IReadOnlyList<ImageChange>> PlanAsync(IReadOnlyList<ImageDefinition> definitions, PlanOptions? options = null, OpenStackSession? session = null) =>
        SyncOperations.PlanAsync(session ?? Session, definitions, options ?? Options(), null, NullOperationLog.Instance, CancellationToken.None);

    public Task<IReadOnlyList<ExecutedChange>> ApplyAsync(IReadOnlyList<ImageChange> plan, ExecutionOptions? options = null) =>
        SyncOperations.ApplyAsync(plan, null, options ?? Execution(), NullOperationLog.Instance, CancellationToken.None);

    /// <summary>Plan and apply, as Sync-GlanceImage -Definition does.</summary>
    public async Task<IReadOnlyList<ExecutedChange>> SyncAsync(IReadOnlyList<ImageDefinition> definitions, PlanOptions? options = null, ExecutionOptions? execution = null) =>
        await ApplyAsync(await PlanAsync(definitions, options), execution);

    public Task<IReadOnlyList<GlanceImage>> ManagedAsync() =>
        SyncOperations.ListManagedAsync(Session, Tag, NullOperationLog.Instance, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The catalog lease images of this tag too (the tag is the test's own, no other run needs them).
            var leaseQuery = new ImageQuery { Tags = ["oim_lease:" + Tag] };
            var leases = await Glance.ListImagesAsync(leaseQuery with { Hidden = true }, CancellationToken.None).ToListAsync();
            foreach (var image in (await ManagedAsync()).Concat(leases))
            {
                try
                {
                    await Glance.DeleteImageAsync(image.Id, CancellationToken.None);
                }
                catch (Engine.Errors.OpenStackException)
                {
                }
            }
        }
        finally
        {
            Server.Dispose();
            SessionRegistry.Disconnect(Session);
            try
            {
                Directory.Delete(Work, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
