using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Authenticates to a cloud (always anew) and keeps the session as the module's default. A failed
/// connect clears the default session, so nothing goes on with the cloud the user tried to leave.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OpenStack")]
[OutputType(typeof(OpenStackSession))]
public sealed class ConnectOpenStackCommand : EngineCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CloudNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Cloud { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    [Parameter]
    [ValidateSet("public", "internal", "admin")]
    public string? Interface { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var directory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var (cloud, region, endpointInterface) = (Cloud, Region, Interface);
        OpenStackSession session;
        try
        {
            // The engine's rule without a default session: -Cloud, else OS_CLOUD, else the OS_* variables.
            session = RunEngine((log, token) => ModuleSessionCache.Instance.ConnectAsync(
                CloudSelection.Choose(cloud, hasDefaultSession: false), region, endpointInterface, directory, log, token));
        }
        catch (OpenStackException ex)
        {
            // The user meant to leave the old default: commands without -Cloud must not go on with it.
            // The old session itself stays connected (a variable may hold it); only the default is cleared.
            if (ModuleSessions.Default is { } previous)
            {
                ModuleSessions.Default = null;
                WriteWarning($"Connect-OpenStack failed; {previous} is no longer the default session.");
            }

            WriteError(ErrorRecords.From(ex, Cloud));
            return;
        }

        ModuleSessions.Default = session;
        this.WriteVerboseLine($"Default session: {session}.");
        if (PassThru)
        {
            WriteObject(session);
        }
    }
}
