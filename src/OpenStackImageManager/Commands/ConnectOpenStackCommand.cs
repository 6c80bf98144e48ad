using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Commands;

/// <summary>Authenticates to a cloud and keeps the session as the module's default.</summary>
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
        OpenStackSession session;
        try
        {
            session = RunEngine((log, token) => SessionRegistry.ConnectAsync(Cloud, Region, Interface, directory, log, token));
        }
        catch (OpenStackException ex)
        {
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
