using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Mirror;

/// <summary>
/// The mirror engine against the real Swift S3 of the local test cloud, with upstream files from an
/// in-test HTTP server: upload, skip, -Force, checksum mismatch (aborted, nothing left), compressed
/// sources, interrupted downloads, redirects, retries, parallel transfers, secrets.
/// </summary>
[Collection(MirrorStoreCollection.Name)]
public sealed class ImageMirrorTests(MirrorTestStore store) : IDisposable
{
    /// <summary>The smallest parts S3 allows, so a 6 MiB file is a real two-part upload.</summary>
    private static readonly MirrorOptions s_options = new()
    {
        PartSize = MirrorOptions.MinimumPartSize,
        Upstream = new UpstreamOptions { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), ReadTimeout = TimeSpan.FromSeconds(10) },
    };

    private readonly UpstreamTestServer _server = new();
    private readonly CollectingLog _log = new();

    private ImageMirror Mirror(MirrorOptions? options = null, S3Settings? settings = null) =>
        new(settings ?? store.Settings, options ?? s_options, _log);

    private static MirrorRequest Request(Uri url, string key, string? checksum) =>
        MirrorRequest.For("Test Image", "1.0", url, key, checksum is null ? null : ImageChecksum.Parse(checksum));

    [Fact]
    public async Task UploadsVerifiedBytesWithMetadata()
    {
        var data = MirrorFixtures.SampleImage;
        var url = _server.Add("images/upload.img", data);
        var key = store.Key("upload.img");
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, MirrorFixtures.Sha256(data)), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.True(result.ChecksumVerified, result.Error);
        Assert.Equal(data.Length, result.Bytes);
        Assert.Equal(MirrorFixtures.Sha256(data), "sha256:" + result.Sha256);
        Assert.Equal(data, await store.ReadAsync(key));
        var head = await store.HeadAsync(key);
        Assert.NotNull(head);
        Assert.Equal(MirrorFixtures.Sha256(data), head.Metadata["x-amz-meta-mirror-checksum"]);
        Assert.Equal(url.AbsoluteUri, head.Metadata["x-amz-meta-mirror-source-url"]);
        Assert.Equal(data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Metadata["x-amz-meta-mirror-source-size"]);
        Assert.Contains("-2\"", head.ETag, StringComparison.Ordinal); // a two-part multipart object
        Assert.Contains(_log.ProgressRecords, p => p.Completed);
    }

    [Fact]
    public async Task SkipsAnObjectWithMatchingMetadataAndUploadsAgainWithForce()
    {
        var data = MirrorFixtures.RandomBytes(300_000, 1);
        var url = _server.Add("images/skip.img", data);
        var key = store.Key("skip.img");
        var request = Request(url, key, MirrorFixtures.Sha512(data));
        using var mirror = Mirror();
        Assert.Equal(MirrorStatus.Uploaded, (await mirror.MirrorAsync(request, 1, CancellationToken.None)).Status);
        var downloadsBefore = _server.Requests.Count(r => r.StartsWith("GET /images/skip.img", StringComparison.Ordinal));

        var second = await mirror.MirrorAsync(request, 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Skipped, second.Status);
        Assert.True(second.ChecksumVerified);
        Assert.Equal(data.Length, second.Bytes);
        Assert.Equal(downloadsBefore, _server.Requests.Count(r => r.StartsWith("GET /images/skip.img", StringComparison.Ordinal)));

        using var forced = Mirror(s_options with { Force = true });
        var third = await forced.MirrorAsync(request, 1, CancellationToken.None);
        Assert.Equal(MirrorStatus.Uploaded, third.Status);
        Assert.Equal(downloadsBefore + 1, _server.Requests.Count(r => r.StartsWith("GET /images/skip.img", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UploadsAgainWhenTheImageChecksumChanged()
    {
        var old = MirrorFixtures.RandomBytes(100_000, 2);
        var current = MirrorFixtures.RandomBytes(100_000, 3);
        var key = store.Key("changed.img");
        using var mirror = Mirror();
        await mirror.MirrorAsync(Request(_server.Add("images/old.img", old), key, MirrorFixtures.Sha256(old)), 1, CancellationToken.None);

        var result = await mirror.MirrorAsync(Request(_server.Add("images/new.img", current), key, MirrorFixtures.Sha256(current)), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.Equal(current, await store.ReadAsync(key));
    }

    [Fact]
    public async Task ChecksumMismatchAbortsTheUploadAndLeavesNothing()
    {
        var data = MirrorFixtures.SampleImage;
        var url = _server.Add("images/mismatch.img", data);
        var key = store.Key("mismatch.img");
        var wrong = MirrorFixtures.Sha256(MirrorFixtures.RandomBytes(10, 4));
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, wrong), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Failed, result.Status);
        Assert.Equal(MirrorFailure.ChecksumMismatch, result.Failure);
        Assert.False(result.ChecksumVerified);
        Assert.Contains(wrong, result.Error, StringComparison.Ordinal);
        Assert.Equal(data.Length, result.Bytes); // both parts were uploaded before the comparison
        Assert.Null(await store.HeadAsync(key));
        Assert.Empty(await store.OpenUploadsAsync(key));
        Assert.Contains(_log.Messages, m => m.Contains("Aborted the multipart upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMismatchNeverReplacesAGoodObject()
    {
        var good = MirrorFixtures.RandomBytes(200_000, 5);
        var key = store.Key("keep-good.img");
        using var mirror = Mirror(s_options with { Force = true });
        await mirror.MirrorAsync(Request(_server.Add("images/good.img", good), key, MirrorFixtures.Sha256(good)), 1, CancellationToken.None);

        var bad = MirrorFixtures.RandomBytes(200_000, 6);
        var result = await mirror.MirrorAsync(Request(_server.Add("images/bad.img", bad), key, MirrorFixtures.Sha256(good)), 1, CancellationToken.None);

        Assert.Equal(MirrorFailure.ChecksumMismatch, result.Failure);
        Assert.Equal(good, await store.ReadAsync(key));
    }

    public static TheoryData<string, bool> CompressedSources() => new()
    {
        { "gz", false }, { "gz", true }, { "bz2", false }, { "xz", false }, { "xz", true }, { "zst", false },
    };

    [Theory]
    [MemberData(nameof(CompressedSources))]
    public async Task StoresACompressedSourceDecompressed(string extension, bool declareImageDigest)
    {
        var image = MirrorFixtures.SampleImage;
        var compressed = extension switch
        {
            "gz" => MirrorFixtures.Gzip(image),
            "zst" => MirrorFixtures.Zstd(image),
            _ => await File.ReadAllBytesAsync(MirrorFixtures.FixturePath("sample.img." + extension)),
        };
        var url = _server.Add($"images/sample-{declareImageDigest}.img.{extension}", compressed);
        var key = store.Key($"compressed-{extension}-{declareImageDigest}.img");
        // Catalogs usually declare the upstream (compressed) file's digest; some the image's own.
        var declared = declareImageDigest ? MirrorFixtures.Sha256(image) : MirrorFixtures.Sha256(compressed);
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, declared), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.True(result.ChecksumVerified, result.Error);
        Assert.Equal(image.Length, result.Bytes);
        Assert.Equal(compressed.Length, result.SourceBytes);
        Assert.Equal(image, await store.ReadAsync(key));
    }

    [Fact]
    public async Task CorruptCompressedDataFailsAndLeavesNothing()
    {
        var compressed = MirrorFixtures.Gzip(MirrorFixtures.SampleImage);
        compressed[compressed.Length / 2] ^= 0xFF;
        compressed[(compressed.Length / 2) + 1] ^= 0xFF;
        var key = store.Key("corrupt.img");
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(_server.Add("images/corrupt.img.gz", compressed), key, null), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Failed, result.Status);
        Assert.Null(await store.HeadAsync(key));
        Assert.Empty(await store.OpenUploadsAsync(key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResumesAnInterruptedDownloadWithARangeRequest(bool reset)
    {
        var data = MirrorFixtures.SampleImage;
        var url = _server.Add($"images/flaky-{reset}.img", data, new UpstreamTestServer.Behaviour { CutsLeft = 2, CutAfterBytes = 2_500_000, ResetOnCut = reset });
        var key = store.Key($"flaky-{reset}.img");
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, MirrorFixtures.Sha256(data)), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.True(result.ChecksumVerified, result.Error);
        Assert.Equal(data, await store.ReadAsync(key));
        var ranges = _server.Requests.Where(r => r.Contains($"/images/flaky-{reset}.img", StringComparison.Ordinal)).Select(r => r.Split("range=")[1]).ToList();
        if (reset)
        {
            // A reset loses what was still in flight: the resumes start wherever the client had got to.
            Assert.Equal(3, ranges.Count);
            Assert.Equal("-", ranges[0]);
            var starts = ranges.Skip(1).Select(r => long.Parse(r[6..^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(starts[0] > 0 && starts[1] > starts[0], string.Join(", ", ranges));
        }
        else
        {
            Assert.Equal(["-", "bytes=2500000-", "bytes=5000000-"], ranges);
        }

        Assert.Contains(_log.Messages, m => m.Contains("resumed 2 time(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInterruptedDownloadWithoutRangesFailsAndLeavesNothing()
    {
        var data = MirrorFixtures.SampleImage;
        var url = _server.Add("images/noranges.img", data, new UpstreamTestServer.Behaviour { AcceptRanges = false, CutsLeft = 1, CutAfterBytes = 5_500_000 });
        var key = store.Key("noranges.img");
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, null), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Failed, result.Status);
        Assert.Equal(MirrorFailure.SourceUnavailable, result.Failure);
        Assert.Contains("does not offer range requests", result.Error, StringComparison.Ordinal);
        Assert.Null(await store.HeadAsync(key));
        Assert.Empty(await store.OpenUploadsAsync(key));
    }

    [Fact]
    public async Task FollowsRedirectsAndRetriesUnavailableUpstreams()
    {
        var data = MirrorFixtures.RandomBytes(150_000, 7);
        var target = _server.Add("images/moved.img", data, new UpstreamTestServer.Behaviour { FailuresLeft = 2 });
        var url = _server.AddRedirect("latest/moved.img", target);
        var key = store.Key("moved.img");
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(url, key, MirrorFixtures.Sha256(data)), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.Equal(data, await store.ReadAsync(key));
        Assert.Equal(3, _server.Requests.Count(r => r.StartsWith("GET /images/moved.img", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMissingUpstreamFileFailsWithTheStatus()
    {
        using var mirror = Mirror();

        var result = await mirror.MirrorAsync(Request(new Uri(_server.BaseUrl, "images/gone.img"), store.Key("gone.img"), null), 1, CancellationToken.None);

        Assert.Equal(MirrorFailure.SourceUnavailable, result.Failure);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorsInParallelWithinTheThrottleLimit()
    {
        var requests = Enumerable.Range(0, 5).Select(i =>
        {
            var data = MirrorFixtures.RandomBytes(400_000, 100 + i);
            var url = _server.Add($"images/parallel-{i}.img", data, new UpstreamTestServer.Behaviour { BodyDelay = TimeSpan.FromMilliseconds(300) });
            return Request(url, store.Key($"parallel-{i}.img"), MirrorFixtures.Sha256(data));
        }).ToList();
        var results = new System.Collections.Concurrent.ConcurrentBag<MirrorResult>();
        using var mirror = Mirror();

        await mirror.MirrorAllAsync(requests, 3, results.Add, CancellationToken.None);

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(MirrorStatus.Uploaded, r.Status));
        Assert.InRange(_server.MaxConcurrentBodies, 2, 3);
        foreach (var request in requests)
        {
            Assert.NotNull(await store.HeadAsync(request.ObjectKey));
        }
    }

    [Fact]
    public async Task TheSecretNeverAppearsInResultsOrMessages()
    {
        const string secret = "wrong-Secret-7f3a9c-do-not-print";
        var settings = new S3Settings(store.Settings.Endpoint, store.Bucket, store.Settings.Region, new S3Credentials(store.Settings.Credentials.AccessKey, secret, "test"));
        var data = MirrorFixtures.RandomBytes(1000, 8);
        using var mirror = Mirror(settings: settings);

        var result = await mirror.MirrorAsync(Request(_server.Add("images/secret.img", data), store.Key("secret.img"), null), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Failed, result.Status);
        Assert.Equal(MirrorFailure.AccessDenied, result.Failure);
        Assert.Contains("403", result.Error, StringComparison.Ordinal);
        Assert.Contains("request id", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRealSecretIsNotInTheMessagesOfASuccessfulRun()
    {
        var data = MirrorFixtures.RandomBytes(1000, 9);
        using var mirror = Mirror(s_options with { Force = true });

        var result = await mirror.MirrorAsync(Request(_server.Add("images/quiet.img", data), store.Key("quiet.img"), null), 1, CancellationToken.None);

        Assert.Equal(MirrorStatus.Uploaded, result.Status);
        Assert.NotEmpty(_log.Messages);
        Assert.DoesNotContain(store.Settings.Credentials.SecretKey, _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorsAPlannedFileUrlUnderTheTemplateKey()
    {
        var data = MirrorFixtures.RandomBytes(250_000, 10);
        var path = Path.Combine(Path.GetTempPath(), $"oim-mirror-{Guid.NewGuid():N}.raw");
        await File.WriteAllBytesAsync(path, data);
        try
        {
            var source = new MirrorKeySource("Local Image", "local", "raw", "2.0", new Uri(path), null);
            // The file lies in the folder of the (notional) catalog that names it: file: sources are read only there.
            var item = new MirrorItem(source, ImageChecksum.Parse(MirrorFixtures.Sha256(data))) { CatalogFile = Path.Combine(Path.GetTempPath(), "images.yml") };
            var entry = MirrorPlanner.Plan(item, store.Bucket, store.Prefix, "{prefix}/{shortname}/{version}-{shortname}{ext}");
            Assert.Equal(store.Key("local/2.0-local.raw"), entry.Request?.ObjectKey);
            using var mirror = Mirror();

            var result = await mirror.MirrorAsync(entry.Request!, 1, CancellationToken.None);

            Assert.Equal(MirrorStatus.Uploaded, result.Status);
            Assert.True(result.ChecksumVerified);
            Assert.Equal(data, await store.ReadAsync(entry.Request!.ObjectKey));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose() => _server.Dispose();
}
