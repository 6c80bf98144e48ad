namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// A credential given to a connection directly (Connect-OpenStack -Credential, from a vault or a CI
/// secret) instead of clouds.yaml, secure.yaml or OS_*: a user name and password, or an application
/// credential's id and secret. It overrides the files' credential for that session only, is never
/// written anywhere and never printed (<see cref="ToString"/> shows the user name alone). It is an
/// input of the resolved cloud, so a session's fingerprint (<see cref="Sessions.CloudFingerprint"/>,
/// keyed HMAC) tells credentials apart without any key holding the secret.
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

    public override string ToString() => ApplicationCredential == true ? $"application credential {UserName}" : $"user {UserName}";
}
