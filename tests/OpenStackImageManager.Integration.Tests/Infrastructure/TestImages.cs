using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>Creates images with run-unique names and deletes them (protection lifted first) when disposed.</summary>
internal sealed class TestImages : IAsyncDisposable
{
    private readonly List<(CloudSession Session, string Id)> _created = [];

    public static string UniqueName(string purpose) => $"oim-it-{TestCloud.RunId}-{purpose}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<GlanceImage> CreateAsync(CloudSession session, string name, Action<JsonObject>? configure = null)
    {
        var body = new JsonObject { ["name"] = name, ["disk_format"] = "raw", ["container_format"] = "bare" };
        configure?.Invoke(body);
        var image = await session.Glance.CreateImageAsync(body, CancellationToken.None);
        Track(session, image.Id);
        return image;
    }

    public void Track(CloudSession session, string id)
    {
        lock (_created)
        {
            _created.Add((session, id));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (session, id) in _created)
        {
            await DeleteAsync(session, id);
        }
    }

    private static async Task DeleteAsync(CloudSession session, string id)
    {
        // Glance (on MariaDB) now and then answers a DELETE that follows an import closely with a 500
        // ("Can't operate on closed transaction inside context manager") while the import task releases
        // its lock; the same DELETE succeeds a moment later. Cleanup must not fail the test for that.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var image = await session.Glance.GetImageAsync(id, CancellationToken.None);
                if (image.Protected)
                {
                    await session.Glance.UpdateImageAsync(id, [Engine.Glance.PatchOperation.Replace("protected", false)], CancellationToken.None);
                }

                await session.Glance.DeleteImageAsync(id, CancellationToken.None);
                return;
            }
            catch (Engine.Errors.OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
            {
                // Deleted by the test itself.
                return;
            }
            catch (Engine.Errors.OpenStackApiException ex) when ((int)ex.Status >= 500 && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }
    }
}
