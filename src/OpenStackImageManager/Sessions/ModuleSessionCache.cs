using OpenStackImageManager.Engine.Sessions;

namespace OpenStackImageManager.Sessions;

/// <summary>
/// The module's <see cref="SessionCache"/>: which live session a cloud means for the cmdlets of this
/// process. Apart from <see cref="ModuleSessions"/> so that code touching only the default session
/// never loads the engine.
/// </summary>
internal static class ModuleSessionCache
{
    private static readonly Lazy<SessionCache> s_cache = new(() => new SessionCache());

    internal static SessionCache Instance => s_cache.Value;
}
