using System.Security.Cryptography;
using System.Text;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// A credential given to a connection directly (Connect-OpenStack -Credential, from a vault or a CI
/// secret) instead of clouds.yaml, secure.yaml or OS_*: a user name and password, or an application
/// credential's id and secret. It overrides the files' credential for that session only, is never
/// written anywhere and never printed (<see cref="ToString"/> shows the user name alone).
/// </summary>
public sealed class CloudCredential
{
    public CloudCredential(string userName, string secret, bool? applicationCredential = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        UserName = userName;
        Secret = secret;
        ApplicationCredential = applicationCredential;
    }

    /// <summary>The user name, or the application credential's id.</summary>
    public string UserName { get; }

    /// <summary>The password, or the application credential's secret.</summary>
    public string Secret { get; }

    /// <summary>
    /// True for an application credential (auth type v3applicationcredential), false for a password,
    /// null for what the cloud's auth_type says.
    /// </summary>
    public bool? ApplicationCredential { get; }

    /// <summary>
    /// Tells sessions made with different credentials apart without keeping the secret in a key: a
    /// SHA-256 over user name, secret and kind, of which 16 hex digits suffice.
    /// </summary>
    public string Fingerprint() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{UserName}\u0000{Secret}\u0000{ApplicationCredential}")))[..16];

    public override string ToString() => ApplicationCredential == true ? $"application credential {UserName}" : $"user {UserName}";
}
