using System.Management.Automation;
using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Commands;

/// <summary>
/// A PSCredential as the engine's credential override. Internal: it names an Engine type, which no
/// public cmdlet member may. The password leaves its SecureString only here, for the request to Keystone.
/// </summary>
internal static class CredentialOverride
{
    internal static CloudCredential? From(PSCredential? credential, string? authType)
    {
        if (credential is null)
        {
            return null;
        }

        bool? applicationCredential = authType switch
        {
            null => null,
            _ when authType.Equals("ApplicationCredential", StringComparison.OrdinalIgnoreCase) => true,
            _ => false,
        };
        return new CloudCredential(credential.UserName, credential.GetNetworkCredential().Password, applicationCredential);
    }
}
