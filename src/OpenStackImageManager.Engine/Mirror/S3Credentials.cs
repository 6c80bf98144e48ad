namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// An S3 access key and secret. A class, not a record, so no generated ToString or Equals ever
/// prints the secret; <see cref="ToString"/> names the access key only.
/// </summary>
public sealed class S3Credentials
{
    public S3Credentials(string accessKey, string secretKey, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKey);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        AccessKey = accessKey;
        SecretKey = secretKey;
        Source = source;
    }

    public string AccessKey { get; }

    public string SecretKey { get; }

    /// <summary>Where the credentials came from (for verbose output): -Credential, environment, config file.</summary>
    public string Source { get; }

    /// <summary>Replaces every occurrence of the secret in <paramref name="text"/>; for messages from elsewhere.</summary>
    public string Redact(string text) =>
        SecretKey.Length == 0 ? text : text.Replace(SecretKey, "***", StringComparison.Ordinal);

    public override string ToString() => $"{AccessKey} (secret hidden; from {Source})";
}
