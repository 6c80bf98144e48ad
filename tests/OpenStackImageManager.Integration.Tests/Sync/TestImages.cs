using System.Diagnostics;
using System.Security.Cryptography;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>Small disk images made with qemu-img, and compressed copies made with the usual tools.</summary>
internal static class TestImages
{
    /// <summary>A qcow2 (or raw) image of <paramref name="megabytes"/> virtual size with a little random data, so each file differs.</summary>
    public static string Create(string directory, string name, string format, int megabytes = 2)
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
