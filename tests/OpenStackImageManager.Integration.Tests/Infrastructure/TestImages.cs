using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>
/// Test images: disk image files made with qemu-img and the usual compressors (static), and Glance images with
/// run-unique names that are deleted (protection lifted first) when disposed.
/// </summary>
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

    /// <summary>A qcow2 (or raw) image of <paramref name="megabytes"/> virtual size with a little random data, so each file differs.</summary>
    public static string CreateFile(string directory, string name, string format, int megabytes = 2)
    {
        Directory.CreateDirectory(directory);
        var raw = Path.Combine(directory, name + ".tmpraw");
        var data = new byte[megabytes << 20];
        RandomNumberGenerator.Fill(data.AsSpan(0, 64 << 10));
        File.WriteAllBytes(raw, data);
        var target = Path.Combine(directory, name);
        if (format == "raw")
        {
            File.Move(raw, target, true);
        }
        else
        {
            Run("qemu-img", "convert", "-f", "raw", "-O", format, raw, target);
            File.Delete(raw);
        }

        return target;
    }

    /// <summary>A compressed copy next to <paramref name="file"/>: gz, bz2, xz or zst.</summary>
    public static string Compress(string file, string suffix)
    {
        var tool = suffix switch { "gz" => "gzip", "bz2" => "bzip2", "xz" => "xz", "zst" => "zstd", _ => throw new ArgumentException(suffix) };
        Run(tool, "-k", "-f", "-q", file);
        return file + "." + suffix;
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
