using System.Management.Automation;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Commands;

/// <summary>Ends a session (the default one unless -Session is given).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "OpenStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectOpenStackCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OpenStackSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var session = Session ?? ModuleSessions.Default;
        if (session is null)
        {
            this.WriteVerboseLine("No session to disconnect.");
            return;
        }

        if (!ShouldProcess(session.ToString(), "Disconnect"))
        {
            return;
        }

        Disconnect(session);
        if (ModuleSessions.Default?.Handle == session.Handle)
        {
            ModuleSessions.Default = null;
        }
    }

    // Separate so the Engine is loaded only when there is something to end.
    private void Disconnect(OpenStackSession session)
    {
        ModuleSessionCache.Instance.Forget(session);
        if (!SessionRegistry.Disconnect(session))
        {
            this.WriteVerboseLine($"Session {session} was already disconnected.");
        }
    }
}
