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
/// -Credential takes the user name and password (or an application credential's id and secret) from
/// wherever the operator keeps them, e.g. <c>Get-Secret</c> of any SecretManagement vault, instead of
/// clouds.yaml and secure.yaml; it is an input of the resolved cloud, so it is part of the session's
/// fingerprint.
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
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>How -Credential reads: Password (user name and password) or ApplicationCredential (id and secret); default: the cloud's auth_type.</summary>
    [Parameter]
    [ValidateSet("Password", "ApplicationCredential")]
    public string? AuthType { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var directory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        if (AuthType is not null && Credential is null)
        {
            ThrowTerminatingError(ErrorRecords.Usage("-AuthType says how -Credential reads; give -Credential too.", "AuthTypeWithoutCredential", AuthType));
        }

        var credential = CredentialOverride.From(Credential, AuthType);
        var (region, endpointInterface) = (Region, Interface);

        // The engine's rule without a default session: -Cloud, else OS_CLOUD, else the OS_* variables.
        var choice = CloudSelection.Choose(Cloud, hasDefaultSession: false);
        OpenStackSession session;
        try
        {
            session = RunEngine((log, token) => ModuleSessionCache.Instance.ConnectAsync(
                choice, region, endpointInterface, credential, directory, log, token));
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

            // The cloud's name is the target, as for -Cloud on every other cmdlet.
            WriteError(ErrorRecords.From(ex, choice?.Target ?? Cloud));
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
