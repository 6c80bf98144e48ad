using OpenStackImageManager.Models;

namespace OpenStackImageManager.Sessions;

/// <summary>The module's default session: the last one Connect-OpenStack opened in this process.</summary>
internal static class ModuleSessions
{
    private static OpenStackSession? s_default;

    internal static OpenStackSession? Default
    {
        get => Volatile.Read(ref s_default);
        set => Volatile.Write(ref s_default, value);
    }
}
