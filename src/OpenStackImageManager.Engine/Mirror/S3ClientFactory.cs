using Amazon.Runtime;
using Amazon.S3;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// Builds an AWSSDK.S3 client that works against Swift's s3api, Ceph RGW, MinIO and AWS alike:
/// path-style addressing (no bucket DNS names on private endpoints), checksums only where the API
/// requires them (Swift accepts but never checks flexible checksums, and the trailer form needs
/// aws-chunked encoding, which Swift rejects), nothing read from ~/.aws or AWS_* by the SDK itself:
/// the settings are resolved by <see cref="S3SettingsResolver"/> and passed in explicitly.
/// </summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config
        {
            ServiceURL = settings.Endpoint.ToString(),
            AuthenticationRegion = settings.Region,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            IgnoreConfiguredEndpointUrls = true,
            // Parts are 16 MiB: allow a slow store time to take one, but not forever.
            Timeout = TimeSpan.FromMinutes(5),
            MaxErrorRetry = 4,
        };
        return new AmazonS3Client(new BasicAWSCredentials(settings.Credentials.AccessKey, settings.Credentials.SecretKey), config);
    }
}
