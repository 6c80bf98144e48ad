using System.Net;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>Set-/Remove-GlanceImage work against the real Glance: one PATCH, status actions, protection, quota.</summary>
[Collection(CloudCollection.Name)]
public sealed class ImageUpdateTests(CloudFixture cloud, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestImages _images = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task Add_replace_and_remove_of_properties_tags_and_attributes_go_in_one_patch()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("patch"), b =>
        {
            b["os_distro"] = "debian";
            b["obsolete"] = "yes";
            b["keep"] = "1";
            b["tags"] = new JsonArray("old", "stay");
        });
        var newName = image.Name + "-renamed";
        var plan = ImageOperations.Plan(cloud.P1Session, image, new ImageChangeRequest
        {
            Name = newName,
            Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["hw_rng_model"] = "virtio", ["keep"] = "1" },
            RemoveProperties = ["obsolete", "never-set"],
            Tags = ["new"],
            RemoveTags = ["old"],
            MinDisk = 5,
            MinRam = 1024,
            Visibility = "Private",
            Hidden = true,
        });

        using var scope = cloud.Requests.BeginScope();
        var updated = await SetImage.ApplyAsync(cloud.P1Session, plan);

        Assert.Equal("PATCH", Assert.Single(scope.Entries).Method);
        output.WriteLine($"Set-GlanceImage (9 changes): {scope.Entries.Count} request(s); plan: {SetImage.Describe(plan)}");
        var stored = await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None);
        foreach (var result in new[] { updated, stored })
        {
            Assert.Equal(newName, result.Name);
            Assert.Equal("ubuntu", result.Properties["os_distro"]);
            Assert.Equal("virtio", result.Properties["hw_rng_model"]);
            Assert.Equal("1", result.Properties["keep"]);
            Assert.DoesNotContain("obsolete", result.Properties.Keys);
            Assert.Equal(new[] { "new", "stay" }, result.Tags.Order());
            Assert.Equal((5, 1024, "private", true), (result.MinDisk, result.MinRam, result.Visibility, result.Hidden));
        }
    }

    [Fact]
    public async Task An_image_that_already_matches_needs_no_request()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("same"), b => b["os_distro"] = "ubuntu");

        var plan = ImageOperations.Plan(cloud.P1Session, image, new ImageChangeRequest
        {
            Name = image.Name,
            Properties = new Dictionary<string, string> { ["os_distro"] = "ubuntu" },
            RemoveProperties = ["absent"],
            MinDisk = 0,
        });

        Assert.True(plan.Count == 0);
    }

    [Fact]
    public async Task Deactivate_and_reactivate_an_active_image()
    {
        var image = await ActiveImageAsync("status");

        using (var scope = cloud.Requests.BeginScope())
        {
            var plan = ImageOperations.Plan(cloud.P1Session, image, new ImageChangeRequest { Status = "deactivated", Properties = new Dictionary<string, string> { ["note"] = "off" } });
            var result = await SetImage.ApplyAsync(cloud.P1Session, plan);
            Assert.Equal("deactivated", result.Status);
            // The one order: the image stops serving before its metadata changes.
            Assert.Equal(["POST", "PATCH"], scope.Entries.Select(e => e.Method));
            Assert.EndsWith("/actions/deactivate", scope.Entries[0].Path, StringComparison.Ordinal);
        }

        var deactivated = await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None);
        Assert.Equal("deactivated", deactivated.Status);

        using (var scope = cloud.Requests.BeginScope())
        {
            var plan = ImageOperations.Plan(cloud.P1Session, deactivated, new ImageChangeRequest { Status = "active" });
            await SetImage.ApplyAsync(cloud.P1Session, plan);
            Assert.Equal(["POST"], scope.Entries.Select(e => e.Method));
        }

        Assert.Equal("active", (await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_queued_image_cannot_be_deactivated()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("queued"));

        var error = Assert.Throws<OpenStackException>(() => ImageOperations.Plan(cloud.P1Session, image, new ImageChangeRequest { Status = "deactivated" }));

        Assert.Equal(OpenStackErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("queued", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_protected_image_refuses_delete_before_and_at_the_server()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("protected"), b => b["protected"] = true);

        using var scope = cloud.Requests.BeginScope();
        var ours = await Assert.ThrowsAsync<OpenStackException>(() => ImageOperations.RemoveAsync(cloud.P1Session, image, NullOperationLog.Instance, CancellationToken.None));
        Assert.Equal(OpenStackErrorKind.Protected, ours.Kind);
        Assert.Contains("protected", ours.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Entries);

        // A stale object that says "not protected": Glance itself refuses with 403.
        var stale = image with { Protected = false };
        var server = await Assert.ThrowsAsync<OpenStackException>(() => ImageOperations.RemoveAsync(cloud.P1Session, stale, NullOperationLog.Instance, CancellationToken.None));
        Assert.Equal(OpenStackErrorKind.Protected, server.Kind);
        var api = Assert.IsType<OpenStackApiException>(server.InnerException);
        Assert.Equal(HttpStatusCode.Forbidden, api.Status);
        Assert.True((await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None)).Protected);
    }

    [Fact]
    public async Task Delete_removes_the_image_with_one_request()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("delete"));

        using var scope = cloud.Requests.BeginScope();
        await ImageOperations.RemoveAsync(cloud.P1Session, image, NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal(["DELETE"], scope.Entries.Select(e => e.Method));
        var gone = await Assert.ThrowsAsync<OpenStackApiException>(() => cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None));
        Assert.Equal(OpenStackErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task A_creation_with_a_fixed_id_keeps_the_id_and_a_second_one_conflicts()
    {
        var id = Guid.NewGuid().ToString();
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("fixed"), b => b["id"] = id);
        Assert.Equal(id, image.Id);

        var error = await Assert.ThrowsAsync<OpenStackApiException>(() =>
            cloud.P1.Glance.CreateImageAsync(new JsonObject { ["id"] = id, ["name"] = image.Name }, CancellationToken.None));

        Assert.Equal((HttpStatusCode.Conflict, OpenStackErrorKind.Conflict), (error.Status, error.Kind));
        Assert.Contains("POST /v2/images", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RequestId);
        Assert.Contains(error.RequestId!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exceeded_glance_quota_413_becomes_a_quota_error_with_the_service_message()
    {
        // Glance's legacy image_tag_quota (default 128) is on in every Glance: 130 tags exceed it.
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("quota"));
        var plan = ImageOperations.Plan(cloud.P1Session, image, new ImageChangeRequest { Tags = Enumerable.Range(0, 130).Select(i => $"t{i}").ToArray() });

        var error = await Assert.ThrowsAsync<OpenStackApiException>(() => SetImage.ApplyAsync(cloud.P1Session, plan));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, OpenStackErrorKind.QuotaExceeded), (error.Status, error.Kind));
        Assert.Contains("quota exceeded", error.Message, StringComparison.Ordinal);
        Assert.Contains("Maximum: 128", error.ServiceMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        output.WriteLine(error.Message);
    }

    [Fact]
    public async Task Storage_quota_413_on_upload_becomes_a_quota_error()
    {
        // Needs glance-limits, the second Glance API of the local test cloud (127.0.0.1:9293, same database and
        // stores, Keystone unified limits): env.sh exports OIM_QUOTA_CLOUD (oim-p2 through glance-limits) and
        // OIM_QUOTA_LIMIT_BYTES (oim-p2's image_size_total there). The main Glance (9292) ignores that limit.
        var quotaCloud = Environment.GetEnvironmentVariable("OIM_QUOTA_CLOUD");
        var setting = Environment.GetEnvironmentVariable("OIM_QUOTA_LIMIT_BYTES");
        Assert.False(
            string.IsNullOrEmpty(quotaCloud) || !long.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
            "This test needs OIM_QUOTA_CLOUD and OIM_QUOTA_LIMIT_BYTES (a cloud whose Glance enforces a per-project storage limit through " +
            "Keystone unified limits: oim-p2-limits of the local test cloud). Run bash tests/cloud/start.sh, then source /var/tmp/oim-testcloud/env.sh.");
        var quota = long.Parse(setting!, System.Globalization.CultureInfo.InvariantCulture);
        var size = quota + (1L << 20);
        var session = await TestCloud.ConnectAsync(TestCloud.Config(quotaCloud!), cloud.Requests);
        var created = new List<string>();
        try
        {
            // Glance checks the limit against what the project already stores, before it reads the data: an upload
            // into a project under its limit goes through even if it takes the project over, the next one gets 413.
            // So the first upload of quota + 1 MiB fills oim-p2 past its limit (or is refused already when oim-p2
            // stores that much), and a second one must be refused.
            OpenStackApiException? error = null;
            for (var attempt = 1; attempt <= 2 && error is null; attempt++)
            {
                var image = await session.Glance.CreateImageAsync(
                    new JsonObject { ["name"] = TestImages.UniqueName("storage-quota"), ["disk_format"] = "raw", ["container_format"] = "bare" },
                    CancellationToken.None);
                created.Add(image.Id);
                _images.Track(cloud.P2, image.Id); // safety net: deleted through the main Glance after the test
                await using var data = new ZeroStream(size);
                try
                {
                    await session.Glance.UploadAsync(image.Id, data, size, CancellationToken.None);
                    output.WriteLine($"upload {attempt} ({size} bytes) accepted: oim-p2 was under its limit before it");
                }
                catch (OpenStackApiException ex)
                {
                    error = ex;
                }
            }

            Assert.True(error is not null, $"Two uploads of {size} bytes into {quotaCloud} were accepted: its Glance does not enforce image_size_total = {quota} bytes.");
            Assert.Equal((HttpStatusCode.RequestEntityTooLarge, OpenStackErrorKind.QuotaExceeded), (error.Status, error.Kind));
            Assert.Contains($"PUT /v2/images/{created[^1]}/file", error.Message, StringComparison.Ordinal);
            Assert.Contains("quota exceeded", error.Message, StringComparison.Ordinal);
            Assert.Contains("image_size_total", error.ServiceMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
            output.WriteLine(error.Message);
        }
        finally
        {
            foreach (var id in created)
            {
                try
                {
                    await cloud.P2.Glance.DeleteImageAsync(id, CancellationToken.None);
                }
                catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
                {
                }
            }

            Engine.Sessions.SessionRegistry.Disconnect(session.ToModel());
        }

        foreach (var id in created)
        {
            var gone = await Assert.ThrowsAsync<OpenStackApiException>(() => cloud.P2.Glance.GetImageAsync(id, CancellationToken.None));
            Assert.Equal(OpenStackErrorKind.NotFound, gone.Kind);
        }
    }

    private async Task<Models.GlanceImage> ActiveImageAsync(string purpose)
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName(purpose));
        await using var data = new MemoryStream(new byte[1024]);
        await cloud.P1.Glance.UploadAsync(image.Id, data, data.Length, CancellationToken.None);
        return await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None);
    }

    /// <summary>A stream of zeros of a given length that costs no memory.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
