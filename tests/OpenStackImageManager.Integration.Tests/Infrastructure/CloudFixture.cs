using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>
/// Authenticated sessions shared by the test classes of the "cloud" collection: the two ordinary
/// projects and the admin. Each session's requests go to <see cref="Requests"/>.
/// </summary>
public sealed class CloudFixture : IAsyncLifetime
{
    public RequestLog Requests { get; } = new();

    internal CloudSession P1 { get; private set; } = null!;

    internal CloudSession P2 { get; private set; } = null!;

    internal CloudSession Admin { get; private set; } = null!;

    public OpenStackSession P1Session => P1.ToModel();

    public OpenStackSession P2Session => P2.ToModel();

    public OpenStackSession AdminSession => Admin.ToModel();

    public async Task InitializeAsync()
    {
        P1 = await TestCloud.ConnectAsync(TestCloud.Config("oim-p1"), Requests);
        P2 = await TestCloud.ConnectAsync(TestCloud.Config("oim-p2"), Requests);
        Admin = await TestCloud.ConnectAsync(TestCloud.Config("oim-admin"), Requests);
    }

    public Task DisposeAsync()
    {
        foreach (var session in new[] { P1, P2, Admin })
        {
            if (session is not null)
            {
                SessionRegistry.Disconnect(session.ToModel());
            }
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CloudCollection : ICollectionFixture<CloudFixture>
{
    public const string Name = "cloud";
}
