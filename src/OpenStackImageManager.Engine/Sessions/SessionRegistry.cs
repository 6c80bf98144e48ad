using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>
/// The live sessions of this process, keyed by the handle that <see cref="OpenStackSession"/> carries.
/// The one piece of process-wide state the engine keeps: a handle on the pipeline must find its
/// session from any command of any runspace. Which session a cloud name means is not decided here but
/// by a <see cref="SessionCache"/> (the module owns one, the command line makes its own).
/// </summary>
public static class SessionRegistry
{
    private static readonly ConcurrentDictionary<Guid, CloudSession> s_sessions = new();

    /// <summary>Ends a session; its handle no longer resolves. False when it was already ended.</summary>
    public static bool Disconnect(OpenStackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (s_sessions.TryRemove(session.Handle, out var live))
        {
            live.Dispose();
            return true;
        }

        return false;
    }

    /// <summary>Whether the session's handle still resolves.</summary>
    public static bool IsLive(OpenStackSession session) => s_sessions.ContainsKey(session.Handle);

    internal static void Add(CloudSession session) => s_sessions[session.Handle] = session;

    internal static CloudSession Resolve(OpenStackSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return s_sessions.TryGetValue(session.Handle, out var live)
            ? live
            : throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"the session for cloud '{session.Cloud}' was disconnected; run Connect-OpenStack again")
            { Target = session.Cloud };
    }
}
