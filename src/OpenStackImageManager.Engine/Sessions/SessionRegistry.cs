using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>
/// The live sessions of this process, keyed by the handle that <see cref="OpenStackSession"/> carries.
/// Sessions opened implicitly by -Cloud are kept per cloud/region/interface and reused while valid, so
/// a pipeline of cmdlets authenticates once.
/// </summary>
public static class SessionRegistry
{
    private static readonly ConcurrentDictionary<Guid, CloudSession> s_sessions = new();
    private static readonly ConcurrentDictionary<string, Guid> s_byCloud = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim s_connectGate = new(1, 1);

    /// <summary>Connects to a cloud and returns its pipeline handle.</summary>
    public static Task<OpenStackSession> ConnectAsync(string? cloud, string? region, string? endpointInterface, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken) =>
        ConnectAsync(cloud, region, endpointInterface, credential: null, currentDirectory, log, cancellationToken);

    /// <summary>
    /// Connects with <paramref name="credential"/> in place of the configured one (when given). The
    /// session is keyed by the credential too, so -Cloud never reuses it and another credential is
    /// another session.
    /// </summary>
    public static async Task<OpenStackSession> ConnectAsync(
        string? cloud, string? region, string? endpointInterface, CloudCredential? credential, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        var config = CloudConfigLoader.ForProcess(currentDirectory).Load(cloud, region, endpointInterface, credential);
        var session = await SessionFactory.ConnectAsync(config, SessionFactory.TransportFor(config), cancellationToken).ConfigureAwait(false);
        Add(session);
        s_byCloud[Key(config.Name, region, endpointInterface) + (credential is null ? string.Empty : "\u0000" + credential.Fingerprint())] = session.Handle;
        return session.ToModel();
    }

    /// <summary>The session for <paramref name="cloud"/>: the one opened for it before, else a new one.</summary>
    public static async Task<OpenStackSession> ForCloudAsync(string cloud, string? currentDirectory, IOperationLog log, CancellationToken cancellationToken)
    {
        using var scope = OperationContext.Use(log);
        await s_connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (s_byCloud.TryGetValue(Key(cloud, null, null), out var handle) && s_sessions.TryGetValue(handle, out var existing))
            {
                return existing.ToModel();
            }

            return await ConnectAsync(cloud, null, null, currentDirectory, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            s_connectGate.Release();
        }
    }

    /// <summary>Names of the clouds in the clouds.yaml in use, for argument completion.</summary>
    public static IReadOnlyList<string> CloudNames(string? currentDirectory) => CloudConfigLoader.ForProcess(currentDirectory).CloudNames();

    /// <summary>Ends a session; its handle no longer resolves.</summary>
    public static bool Disconnect(OpenStackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var pair in s_byCloud.Where(p => p.Value == session.Handle).ToList())
        {
            s_byCloud.TryRemove(pair.Key, out _);
        }

        if (s_sessions.TryRemove(session.Handle, out var live))
        {
            live.Dispose();
            return true;
        }

        return false;
    }

    internal static void Add(CloudSession session) => s_sessions[session.Handle] = session;

    internal static CloudSession Resolve(OpenStackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return s_sessions.TryGetValue(session.Handle, out var live)
            ? live
            : throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"the session for cloud '{session.Cloud}' was disconnected; run Connect-OpenStack again")
            { Target = session.Cloud };
    }

    private static string Key(string cloud, string? region, string? endpointInterface) =>
        $"{cloud}\u0000{region}\u0000{endpointInterface}";
}
