namespace OpenStackImageManager.Engine.Mirror;

/// <summary>Where mirrored objects go: an S3-compatible endpoint, a bucket, the signing region and the keys.</summary>
public sealed class S3Settings
{
    public S3Settings(Uri endpoint, string bucket, string region, S3Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        Endpoint = endpoint;
        Bucket = bucket;
        Region = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region;
        Credentials = credentials;
    }

    /// <summary>Swift's s3api, Ceph RGW and MinIO accept this region for signing unless configured otherwise.</summary>
    public const string DefaultRegion = "us-east-1";

    public Uri Endpoint { get; }

    public string Bucket { get; }

    public string Region { get; }

    public S3Credentials Credentials { get; }

    public override string ToString() => $"{Endpoint} bucket {Bucket} region {Region} as {Credentials}";
}
