using OpenStackImageManager.Models;

namespace OpenStackImageManager.Sessions;

/// <summary>
/// The module's default session: the one the last successful Connect-OpenStack opened in this process.
/// A failed Connect-OpenStack clears it, so no command goes on with a cloud the user just tried to leave.
/// </summary>
internal static class ModuleSessions
{
    private static OpenStackSession? s_default;

    internal static OpenStackSession? Default
    {
        get => Volatile.Read(ref s_default);
        set => Volatile.Write(ref s_default, value);
    }
}
