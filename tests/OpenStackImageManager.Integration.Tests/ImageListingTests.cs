using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>Listing against the real Glance: paging with limit/marker and the filters Get-GlanceImage offers.</summary>
[Collection(CloudCollection.Name)]
public sealed class ImageListingTests(CloudFixture cloud, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestImages _images = new();
    private readonly string _tag = $"oim-it-{TestCloud.RunId}-list-{Guid.NewGuid().ToString("N")[..6]}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task Listing_follows_the_next_marker_across_pages_and_returns_every_image_once()
    {
        for (var i = 0; i < 7; i++)
        {
            await _images.CreateAsync(cloud.P1, TestImages.UniqueName($"page{i}"), b => b["tags"] = new JsonArray(_tag));
        }

        using var scope = cloud.Requests.BeginScope();
        var found = await ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest { Tags = [_tag], PageSize = 3 }, NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal(7, found.Count);
        Assert.Equal(7, found.Select(i => i.Id).Distinct().Count());
        // 7 images at 3 per page: 3 pages, the later ones with a marker.
        Assert.Equal(3, scope.Count("GET", "/v2/images"));
        Assert.Equal(2, scope.Entries.Count(e => e.Query.Contains("marker=", StringComparison.Ordinal)));
        output.WriteLine(scope.Describe());
    }

    [Fact]
    public async Task Listing_by_ids_returns_exactly_the_asked_images_in_one_request()
    {
        var a = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("ids-a"));
        var b = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("ids-b"));
        await _images.CreateAsync(cloud.P1, TestImages.UniqueName("ids-c"));

        // The import monitor's one look at every import in flight; an unknown id is simply absent.
        using var scope = cloud.Requests.BeginScope();
        var found = await cloud.P1.Glance.ListImagesByIdAsync([a.Id, b.Id, Guid.NewGuid().ToString()], CancellationToken.None);

        Assert.Equal(new[] { a.Id, b.Id }.Order(), found.Select(i => i.Id).Order());
        Assert.Equal(1, scope.Count("GET", "/v2/images"));
        Assert.Contains(scope.Entries, e => e.Query.Contains("id=" + Uri.EscapeDataString("in:"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Name_filters_exact_names_on_the_server_and_wildcards_here()
    {
        var stem = TestImages.UniqueName("name");
        var a = await _images.CreateAsync(cloud.P1, stem + "-alpha");
        var b = await _images.CreateAsync(cloud.P1, stem + "-beta");
        await _images.CreateAsync(cloud.P1, stem + "-gamma");

        using var scope = cloud.Requests.BeginScope();
        var exact = await Get(new ImageListRequest { Names = [a.Name] });
        var two = await Get(new ImageListRequest { Names = [a.Name, b.Name] });
        var wildcard = await Get(new ImageListRequest { Names = [stem + "-*a"] });

        Assert.Equal([a.Id], exact.Select(i => i.Id));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), two.Select(i => i.Id).Order());
        Assert.Equal(new[] { a.Name, b.Name, stem + "-gamma" }.Order(), wildcard.Select(i => i.Name).Order());
        Assert.Contains(scope.Entries, e => e.Query.Contains("name=" + Uri.EscapeDataString(a.Name), StringComparison.Ordinal));
        Assert.Contains(scope.Entries, e => e.Query.Contains("name=in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tag_visibility_and_managed_filters_select_the_right_images()
    {
        var managedTag = $"{_tag}-managed";
        var priv = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("private"), b => { b["visibility"] = "private"; b["tags"] = new JsonArray(_tag, managedTag); });
        var shared = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("shared"), b => { b["visibility"] = "shared"; b["tags"] = new JsonArray(_tag); });
        var foreign = await _images.CreateAsync(cloud.P2, TestImages.UniqueName("p2"), b => { b["visibility"] = "community"; b["tags"] = new JsonArray(_tag, managedTag); });

        var tagged = await Get(new ImageListRequest { Tags = [_tag], Visibility = "all" });
        var privateOnly = await Get(new ImageListRequest { Tags = [_tag], Visibility = "Private" });
        var sharedOnly = await Get(new ImageListRequest { Tags = [_tag], Visibility = "shared" });
        var managed = await Get(new ImageListRequest { Managed = true, ManagedTag = managedTag, Visibility = "all" });
        var byId = await Get(new ImageListRequest { Ids = [shared.Id] });

        Assert.Equal(new[] { priv.Id, shared.Id, foreign.Id }.Order(), tagged.Select(i => i.Id).Order());
        Assert.Equal([priv.Id], privateOnly.Select(i => i.Id));
        Assert.Equal([shared.Id], sharedOnly.Select(i => i.Id));
        // The community image of oim-p2 carries the tag too, but is not ours.
        Assert.Equal([priv.Id], managed.Select(i => i.Id));
        Assert.Equal([shared.Id], byId.Select(i => i.Id));
    }

    [Fact]
    public async Task Hidden_images_are_listed_only_with_IncludeHidden()
    {
        var visible = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("visible"), b => b["tags"] = new JsonArray(_tag));
        var hidden = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("hidden"), b => { b["tags"] = new JsonArray(_tag); b["os_hidden"] = true; });

        var normal = await Get(new ImageListRequest { Tags = [_tag] });
        var all = await Get(new ImageListRequest { Tags = [_tag], IncludeHidden = true });

        Assert.Equal([visible.Id], normal.Select(i => i.Id));
        Assert.Equal(new[] { visible.Id, hidden.Id }.Order(), all.Select(i => i.Id).Order());
        Assert.True(all.Single(i => i.Id == hidden.Id).Hidden);
    }

    [Fact]
    public async Task Image_attributes_and_properties_map_onto_GlanceImage()
    {
        var created = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("map"), b =>
        {
            b["min_disk"] = 3;
            b["min_ram"] = 512;
            b["os_distro"] = "ubuntu";
            b["hw_rng_model"] = "virtio";
            b["tags"] = new JsonArray(_tag, "b");
        });

        var image = await cloud.P1.Glance.GetImageAsync(created.Id, CancellationToken.None);

        Assert.Equal(("raw", "bare", 3, 512, "queued"), (image.DiskFormat, image.ContainerFormat, image.MinDisk, image.MinRam, image.Status));
        Assert.Equal(cloud.P1.Token.ProjectId, image.Owner);
        Assert.Equal("ubuntu", image.Properties["os_distro"]);
        Assert.Equal("virtio", image.Properties["hw_rng_model"]);
        Assert.DoesNotContain("min_disk", image.Properties.Keys);
        Assert.DoesNotContain("self", image.Properties.Keys);
        Assert.Equal(new[] { _tag, "b" }.Order(), image.Tags.Order());
        Assert.Equal("oim-p1", image.Cloud);
        Assert.NotNull(image.CreatedAt);
    }

    private Task<IReadOnlyList<GlanceImage>> Get(ImageListRequest request) =>
        ImageOperations.GetAsync(cloud.P1Session, request, NullOperationLog.Instance, CancellationToken.None);
}
