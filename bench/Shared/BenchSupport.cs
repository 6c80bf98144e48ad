using System.Diagnostics;
using System.Security.Cryptography;

namespace OpenStackImageManager.Bench;

/// <summary>What the measured benchmark runs share: the test file, child processes, the machine's description.</summary>
internal static class BenchSupport
{
    /// <summary>A file of <paramref name="size"/> random bytes (seeded) and its SHA-256, made once and reused.</summary>
    public static async Task<string> PrepareAsync(string file, long size)
    {
        var digestFile = file + ".sha256";
        if (File.Exists(file) && new FileInfo(file).Length == size && File.Exists(digestFile))
        {
            return (await File.ReadAllTextAsync(digestFile)).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Console.WriteLine($"Writing {size} bytes to {file} ...");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[1 << 20];
        var random = new Random(42);
        await using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (long written = 0; written < size; written += block.Length)
            {
                random.NextBytes(block);
                var count = (int)Math.Min(block.Length, size - written);
                sha.AppendData(block, 0, count);
                await output.WriteAsync(block.AsMemory(0, count));
            }
        }

        var hex = Convert.ToHexStringLower(sha.GetHashAndReset());
        await File.WriteAllTextAsync(digestFile, hex);
        return hex;
    }

    public static (int ExitCode, string Output) Run(string command, string arguments, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string CpuModel() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImageManager.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
