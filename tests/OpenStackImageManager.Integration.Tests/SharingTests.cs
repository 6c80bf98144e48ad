using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using OpenStackImageManager.Models;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>Grant-/Revoke-GlanceImageAccess work between the two test projects of the real cloud.</summary>
[Collection(CloudCollection.Name)]
public sealed class SharingTests(CloudFixture cloud, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestImages _images = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task The_other_project_sees_a_shared_image_after_it_accepts_and_not_after_revocation()
    {
        var image = await _images.CreateAsync(cloud.P1, TestImages.UniqueName("share"), b => b["visibility"] = "private");
        var p2 = new ShareTarget(cloud.P2.Token.ProjectId!, "oim-p2");

        using (var scope = cloud.Requests.BeginScope())
        {
            var targets = await SharingOperations.ResolveTargetsAsync(cloud.P1Session, [p2.ProjectId], null, null, NullOperationLog.Instance, CancellationToken.None);
            var result = await SharingOperations.GrantAsync(cloud.P1Session, image, Assert.Single(targets), NullOperationLog.Instance, CancellationToken.None);
            Assert.Equal("pending", result.Member!.Status);
            Assert.Equal("shared", result.Image.Visibility);
            // private → shared (PATCH), member lookup (GET 404), add (POST); an owner may not accept for another project.
            Assert.Equal(["PATCH", "GET", "POST"], scope.Entries.Select(e => e.Method));
            output.WriteLine($"Grant-GlanceImageAccess -Project <id> (owner session): {scope.Entries.Count} request(s)\n{scope.Describe()}");
        }

        Assert.Equal("shared", (await cloud.P1.Glance.GetImageAsync(image.Id, CancellationToken.None)).Visibility);
        Assert.DoesNotContain(await ListAsP2(), i => i.Id == image.Id);

        // The consumer accepts, as `openstack image set --accept` does.
        await cloud.P2.Glance.UpdateMemberStatusAsync(image.Id, cloud.P2.Token.ProjectId!, "accepted", CancellationToken.None);
        Assert.Contains(await ListAsP2(), i => i.Id == image.Id);

        using (var scope = cloud.Requests.BeginScope())
        {
            Assert.True(await SharingOperations.RevokeAsync(cloud.P1Session, image, p2, NullOperationLog.Instance, CancellationToken.None));
            Assert.Equal(["DELETE"], scope.Entries.Select(e => e.Method));
        }

        Assert.DoesNotContain(await ListAsP2(), i => i.Id == image.Id);
        Assert.False(await SharingOperations.RevokeAsync(cloud.P1Session, image, p2, NullOperationLog.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task An_admin_grants_by_project_name_and_accepts_for_the_project()
    {
        var image = await _images.CreateAsync(cloud.Admin, TestImages.UniqueName("admin-share"), b => b["visibility"] = "private");
        var reference = new GlanceImageReference(image.Name);

        var resolved = await SharingOperations.ResolveImageAsync(cloud.AdminSession, reference, NullOperationLog.Instance, CancellationToken.None);
        var targets = await SharingOperations.ResolveTargetsAsync(cloud.AdminSession, ["oim-p2"], "Default", null, NullOperationLog.Instance, CancellationToken.None);
        var member = (await SharingOperations.GrantAsync(cloud.AdminSession, resolved, Assert.Single(targets), NullOperationLog.Instance, CancellationToken.None)).Member;

        Assert.Equal(image.Id, resolved.Id);
        Assert.Equal(cloud.P2.Token.ProjectId, member!.MemberId);
        Assert.Equal("accepted", member.Status);
        Assert.Contains(await ListAsP2(), i => i.Id == image.Id);
    }

    [Fact]
    public async Task Sharing_with_a_domain_adds_every_project_of_the_domain_but_the_owner()
    {
        var image = await _images.CreateAsync(cloud.Admin, TestImages.UniqueName("domain-share"), b => b["visibility"] = "private");

        var targets = await SharingOperations.ResolveTargetsAsync(cloud.AdminSession, [], null, "Default", NullOperationLog.Instance, CancellationToken.None);
        foreach (var target in targets)
        {
            // As Grant-GlanceImageAccess does: the image a grant returns (shared after the first) goes to the next.
            image = (await SharingOperations.GrantAsync(cloud.AdminSession, image, target, NullOperationLog.Instance, CancellationToken.None)).Image;
        }

        Assert.Contains(targets, t => t.ProjectName == "oim-p1");
        Assert.Contains(targets, t => t.ProjectName == "oim-p2");
        foreach (var target in targets.Where(t => t.ProjectId != cloud.Admin.Token.ProjectId))
        {
            var member = await cloud.Admin.Glance.GetMemberAsync(image.Id, target.ProjectId, CancellationToken.None);
            Assert.Equal("accepted", member?.Status);
        }
    }

    [Fact]
    public async Task A_project_name_needs_a_session_that_may_read_projects()
    {
        var error = await Assert.ThrowsAsync<OpenStackException>(() =>
            SharingOperations.ResolveTargetsAsync(cloud.P1Session, ["oim-p2"], null, null, NullOperationLog.Instance, CancellationToken.None));

        Assert.Equal(OpenStackErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("project ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_name_that_matches_nothing_is_not_found()
    {
        var error = await Assert.ThrowsAsync<OpenStackException>(() => SharingOperations.ResolveImageAsync(
            cloud.P1Session, new GlanceImageReference(TestImages.UniqueName("missing")), NullOperationLog.Instance, CancellationToken.None));

        Assert.Equal(OpenStackErrorKind.NotFound, error.Kind);
    }

    private Task<IReadOnlyList<GlanceImage>> ListAsP2() =>
        ImageOperations.GetAsync(cloud.P2Session, new ImageListRequest { Names = [] }, NullOperationLog.Instance, CancellationToken.None);
}
