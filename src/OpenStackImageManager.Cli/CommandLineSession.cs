using OpenStackImageManager.Engine;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// How every command of the command line reaches its cloud: the engine's one selection rule (--cloud,
/// OS_CLOUD, the OS_* variables, then the default name) and a session cache of the command's own.
/// </summary>
internal static class CommandLineSession
{
    public static Task<OpenStackSession> ConnectAsync(string? cloud, IOperationLog log, CancellationToken cancellationToken)
    {
        var choice = CloudSelection.Choose(cloud, hasDefaultSession: false, Defaults.CommandLineCloud);
        return new SessionCache().ConnectAsync(choice, region: null, endpointInterface: null, Environment.CurrentDirectory, log, cancellationToken);
    }
}
