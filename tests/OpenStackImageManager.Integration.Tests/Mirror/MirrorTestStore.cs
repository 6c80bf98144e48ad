using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using OpenStackImageManager.Engine.Mirror;

namespace OpenStackImageManager.Integration.Tests.Mirror;

/// <summary>
/// The local test cloud's Swift S3 (tests/cloud/start.sh), found through OIM_S3_* variables or, when
/// they are not set, the env.sh the start script writes. Unreachable means the test fails: these
/// tests prove the module against a real S3 server and must not pass without one.
/// </summary>
public sealed class MirrorTestStore : IDisposable
{
    private const string StartHint = "start the local test cloud: bash tests/cloud/start.sh";

    public MirrorTestStore()
    {
        var env = ReadEnvFile();
        string Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
            : env.TryGetValue(name, out var f) ? f
            : throw new InvalidOperationException($"{name} is not set and {EnvFile} does not name it; {StartHint}");

        Settings = new S3Settings(
            new Uri(Get("OIM_S3_ENDPOINT")),
            Get("OIM_S3_BUCKET"),
            Get("OIM_S3_REGION"),
            new S3Credentials(Get("OIM_S3_ACCESS_KEY"), Get("OIM_S3_SECRET_KEY"), "test cloud"));
        Client = S3ClientFactory.Create(Settings);
        // One prefix per test run, so runs never see each other's objects; removed in Dispose.
        Prefix = $"oim-mirror-tests/{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..60];
        try
        {
            Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix, MaxKeys = 1 }).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or System.Net.Sockets.SocketException or IOException)
        {
            throw new InvalidOperationException($"The test S3 at {Settings.Endpoint} (bucket {Bucket}) does not answer ({e.Message}); {StartHint}", e);
        }
    }

    private static string EnvFile => Path.Combine(Environment.GetEnvironmentVariable("OIM_TESTCLOUD_STATE") ?? "/var/tmp/oim-testcloud", "env.sh");

    public S3Settings Settings { get; }

    public IAmazonS3 Client { get; }

    public string Bucket => Settings.Bucket;

    public string Prefix { get; }

    public string Key(string name) => $"{Prefix}/{name}";

    public async Task<byte[]?> ReadAsync(string key)
    {
        try
        {
            using var response = await Client.GetObjectAsync(Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<GetObjectMetadataResponse?> HeadAsync(string key)
    {
        try
        {
            return await Client.GetObjectMetadataAsync(Bucket, key);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Multipart uploads still open under <paramref name="key"/> (an aborted one is gone).</summary>
    public async Task<IReadOnlyList<MultipartUpload>> OpenUploadsAsync(string key)
    {
        var response = await Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = key });
        return (response.MultipartUploads ?? []).Where(u => u.Key == key).ToList();
    }

    public void Dispose()
    {
        try
        {
            var listed = Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix }).GetAwaiter().GetResult();
            foreach (var item in listed.S3Objects ?? [])
            {
                Client.DeleteObjectAsync(Bucket, item.Key).GetAwaiter().GetResult();
            }

            var uploads = Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = Prefix }).GetAwaiter().GetResult();
            foreach (var upload in uploads.MultipartUploads ?? [])
            {
                Client.AbortMultipartUploadAsync(Bucket, upload.Key, upload.UploadId).GetAwaiter().GetResult();
            }
        }
        catch (AmazonServiceException)
        {
            // Cleanup is best effort; the unique prefix keeps leftovers out of other runs' way.
        }

        Client.Dispose();
    }

    private static Dictionary<string, string> ReadEnvFile()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(EnvFile))
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(EnvFile))
        {
            var text = line.Trim();
            if (text.StartsWith("export ", StringComparison.Ordinal))
            {
                text = text[7..];
            }

            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[text[..eq]] = text[(eq + 1)..].Trim('"', '\'');
            }
        }

        return values;
    }
}

/// <summary>Shares one store (and its cleanup) across the tests of a class.</summary>
[CollectionDefinition(Name)]
public sealed class MirrorStoreCollection : ICollectionFixture<MirrorTestStore>
{
    public const string Name = "Mirror S3 store";
}
