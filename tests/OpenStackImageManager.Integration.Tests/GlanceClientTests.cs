using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>The rest of the Glance v2 client against the real Glance: discovery, tags, staging, import.</summary>
[Collection(CloudCollection.Name)]
public sealed class GlanceClientTests(CloudFixture cloud) : IAsyncLifetime
{
    private readonly TestImages _images = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task Discovery_lists_the_import_methods_of_the_cloud()
    {
        var methods = await cloud.P1.Glance.GetImportMethodsAsync(CancellationToken.None);

        Assert.Contains("glance-direct", methods);
        Assert.Contains("web-download", methods);
        Assert.Contains("copy-image", methods);
    }

    [Fact]
    public async Task A_staged_stream_imported_with_glance_direct_becomes_active()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("stage"));
        var bytes = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));

        await using (var data = new MemoryStream(bytes))
        {
            await cloud.P1.Glance.StageAsync(image.Id, data, bytes.Length, CancellationToken.None);
        }

        await cloud.P1.Glance.ImportAsync(image.Id, new ImageImportRequest { Method = "glance-direct" }, CancellationToken.None);
        var active = await WaitForAsync(image.Id, "active");

        Assert.Equal(bytes.Length, active.Size);
        Assert.Equal("sha512", active.HashAlgorithm);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(bytes)), active.HashValue);
    }

    [Fact]
    public async Task Web_download_pulls_the_file_from_a_local_http_server()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('w', 32 * 1024));
        using var server = new Mirror.UpstreamTestServer();
        var url = server.Add("/web.img", bytes);
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("web"));

        await cloud.P1.Glance.ImportAsync(image.Id, new ImageImportRequest { Method = "web-download", Uri = url }, CancellationToken.None);
        var active = await WaitForAsync(image.Id, "active");

        Assert.Equal(bytes.Length, active.Size);
    }

    [Fact]
    public async Task Copy_image_is_for_admins_and_to_the_only_store_it_is_an_invalid_request()
    {
        var image = await _images.CreateAsync(cloud.Admin, TestImages.UniqueName("copy"));
        await using (var data = new MemoryStream(new byte[512]))
        {
            await cloud.Admin.Glance.UploadAsync(image.Id, data, data.Length, CancellationToken.None);
        }

        var ours = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("copy-p1"));
        await using (var data = new MemoryStream(new byte[512]))
        {
            await cloud.P1.Glance.UploadAsync(ours.Id, data, data.Length, CancellationToken.None);
        }

        var denied = await Assert.ThrowsAsync<OpenStackApiException>(() => cloud.P1.Glance.ImportAsync(
            ours.Id, new ImageImportRequest { Method = "copy-image", Stores = ["local"] }, CancellationToken.None));
        Assert.Equal(OpenStackErrorKind.PermissionDenied, denied.Kind);

        var error = await Assert.ThrowsAsync<OpenStackApiException>(() => cloud.Admin.Glance.ImportAsync(
            image.Id, new ImageImportRequest { Method = "copy-image", Stores = ["local"] }, CancellationToken.None));

        Assert.Equal((HttpStatusCode.BadRequest, OpenStackErrorKind.InvalidRequest), (error.Status, error.Kind));
        Assert.Contains("/import", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_in_the_wrong_media_type_is_refused_with_415()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("media"));
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(cloud.P1.Glance.BaseUrl, $"images/{image.Id}"))
        {
            Content = new StringContent("[]", Encoding.UTF8, "application/json"),
        };
        using var response = await cloud.P1.Client.SendAsync(request);

        var error = await ApiErrorsAccess.FromResponseAsync(response);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, OpenStackErrorKind.UnsupportedMediaType), (error.Status, error.Kind));
    }

    private async Task<GlanceImage> WaitForAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var image = await cloud.P1.Glance.GetImageAsync(id, CancellationToken.None);
            if (image.Status == status)
            {
                return image;
            }

            Assert.True(DateTime.UtcNow < deadline && image.Status is not ("killed" or "deleted"), $"image {id} is {image.Status}, waited for {status}");
            await Task.Delay(250);
        }
    }

    private static class ApiErrorsAccess
    {
        public static Task<OpenStackApiException> FromResponseAsync(HttpResponseMessage response) =>
            ApiErrors.FromResponseAsync("Glance", response, [], CancellationToken.None);
    }
}
