using System.Security.Cryptography;
using System.Text;
using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Engine.Sessions;

/// <summary>
/// What a resolved cloud is, as one value: config file path and contents, auth URL, user, project,
/// domain, region, interface, TLS settings and the credentials. Two clouds with the same name in two
/// clouds.yaml files, or one cloud whose password was corrected, have different fingerprints. Keyed
/// with a secret of the cache that asks (HMAC), so a fingerprint cannot be used to guess a password.
/// </summary>
internal static class CloudFingerprint
{
    internal static string Of(CloudConfig cloud, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        foreach (var part in Parts(cloud))
        {
            // Length-prefixed, so no two different field lists give the same bytes.
            var bytes = part is null ? [] : Encoding.UTF8.GetBytes(part);
            hmac.AppendData(BitConverter.GetBytes(part is null ? -1 : bytes.Length));
            hmac.AppendData(bytes);
        }

        return Convert.ToHexString(hmac.GetHashAndReset());
    }

    private static IEnumerable<string?> Parts(CloudConfig c) =>
    [
        c.Name, c.SourceFile is null ? null : Path.GetFullPath(c.SourceFile), c.SourceDigest,
        c.AuthType, c.AuthUrl.AbsoluteUri,
        c.Username, c.UserId, c.UserDomainName, c.UserDomainId, c.Password,
        c.ProjectName, c.ProjectId, c.ProjectDomainName, c.ProjectDomainId, c.DomainName, c.DomainId,
        c.ApplicationCredentialId, c.ApplicationCredentialName, c.ApplicationCredentialSecret, c.Token,
        c.RegionName, c.Interface,
        c.CaCert, c.Verify ? "verify" : "insecure", c.Cert, c.Key,
        c.ImageEndpointOverride?.AbsoluteUri, c.ImageApiVersion,
    ];
}
