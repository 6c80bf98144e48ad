using System.Diagnostics;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>What a lease says about its holder, so a waiting operator knows whom to ask: user@host, pid, tool.</summary>
internal static class LeaseHolderText
{
    public static string Describe()
    {
        using var process = Process.GetCurrentProcess();
        return $"{Environment.UserName}@{Environment.MachineName}, pid {Environment.ProcessId}, {process.ProcessName}";
    }
}
