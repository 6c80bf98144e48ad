using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>
/// Connections to the real Glance cut in the middle of the answer: a GET is retried, a POST is not —
/// Glance did create the image, and sending the POST again would create a second one.
/// </summary>
[Collection(CloudCollection.Name)]
public sealed class ResilienceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RequestLog _log = new();
    private readonly TestImages _images = new();
    private FaultProxy _proxy = null!;
    private CloudSession _session = null!;

    public async Task InitializeAsync()
    {
        var config = TestCloud.Config("oim-p1");
        _proxy = new FaultProxy(new Uri(Environment.GetEnvironmentVariable("OIM_GLANCE_URL") ?? "http://127.0.0.1:9292"), faults: 0);
        // image_endpoint_override, as an operator would set it in clouds.yaml, points the session at the proxy.
        _session = await TestCloud.ConnectAsync(config with { ImageEndpointOverride = new Uri(_proxy.Url, "v2/") }, _log);
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        SessionRegistry.Disconnect(_session.ToModel());
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task An_interrupted_GET_is_retried_and_succeeds()
    {
        _proxy.FailNext(2);
        using var scope = _log.BeginScope();
        var before = _proxy.Connections;

        var messages = new CollectingLog();
        var images = await ImageOperations.GetAsync(_session.ToModel(), new ImageListRequest(), messages, CancellationToken.None);

        output.WriteLine(messages.Text);
        output.WriteLine(scope.Describe());
        Assert.NotNull(images);
        Assert.Equal(3, _proxy.Connections - before);
        Assert.Equal(3, scope.Count("GET", "/v2/images"));
        Assert.Equal(200, scope.Entries[^1].Status);
        output.WriteLine(scope.Describe());
    }

    [Fact]
    public async Task An_interrupted_POST_is_not_retried_so_no_second_image_appears()
    {
        var name = TestImages.UniqueName("post-fault");
        _proxy.FailNext(1);
        var before = _proxy.Connections;

        var error = await Assert.ThrowsAsync<OpenStackTransportException>(() =>
            _session.Glance.CreateImageAsync(new JsonObject { ["name"] = name }, CancellationToken.None));

        Assert.Equal(1, _proxy.Connections - before);
        Assert.Equal(OpenStackErrorKind.Connection, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("POST /v2/images", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 attempt", error.Message, StringComparison.Ordinal);
        var created = await _session.Glance.ListImagesAsync(new ImageQuery { Names = [name] }, CancellationToken.None).ToListAsync();
        foreach (var image in created)
        {
            _images.Track(_session, image.Id);
        }

        // Glance did its work once; a retry would have left a second image behind.
        Assert.Single(created);
        output.WriteLine(error.Message);
    }
}
