using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenStackImageManager.Bench;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Integration.Tests.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Benchmarks;

/// <summary>
/// A measured run, not a BenchmarkDotNet job (one 2 GiB transfer is the unit): a glance-direct
/// import of a 2 GiB image streamed from a local HTTP server through the sync engine (hash, stage,
/// import, wait for active) in a fresh child process, against <c>curl -T</c> of the same file to the
/// stage URL with a token. Writes bench/results/sync.md. Needs the local test cloud (env.sh sourced).
/// </summary>
internal static class SyncImportRun
{
    private const string Cloud = "oim-p1";

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Length > 1 && args[1] == "child")
        {
            return await ChildAsync(args[2], args[3]);
        }

        var size = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 2L << 30;
        var file = Path.Combine(Path.GetTempPath(), "oim-sync-bench", $"image-{size}.raw");
        var sha256 = await BenchSupport.PrepareAsync(file, size);
        var rows = new List<string>();

        var child = BenchSupport.Run("dotnet", $"\"{typeof(SyncImportRun).Assembly.Location}\" import child \"{file}\" {sha256}");
        Console.WriteLine(child.Output);
        var result = child.Output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?.Split(' ')
            ?? throw new InvalidOperationException("the import run failed:\n" + child.Output);
        var stageSeconds = double.Parse(result[2], CultureInfo.InvariantCulture);
        var totalSeconds = double.Parse(result[3], CultureInfo.InvariantCulture);
        var peak = long.Parse(result[4], CultureInfo.InvariantCulture);
        rows.Add(Row("Sync engine: HTTP GET → sha256 → PUT /stage (streamed with Content-Length) → POST import", size, stageSeconds, peak));
        rows.Add(Row("Sync engine: whole Create (create, stage, import, wait for active, verify)", size, totalSeconds, peak));

        var (curlSeconds, curlPeak) = await CurlAsync(file);
        rows.Add(Row("`curl -T` of the file from local disk to PUT /stage (X-Auth-Token)", size, curlSeconds, curlPeak));

        var section = new StringBuilder()
            .AppendLine("## Streamed 2 GiB glance-direct import on loopback")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({BenchSupport.CpuModel()}): `source /var/tmp/oim-testcloud/env.sh; dotnet run -c Release --project bench/OpenStackImageManager.Benchmarks -- import`. Glance of the local test cloud on 127.0.0.1:9292 (file store and staging on the same disk, cloud {Cloud}); upstream: an in-process HTTP/1.1 server on 127.0.0.1 serving the file from disk (page cache warm).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"File: {size} bytes of random data, declared sha256 `{sha256}`, verified while streaming. disk_format raw.")
            .AppendLine()
            .AppendLine("| transfer | seconds | MiB/s | peak memory (process working set) |")
            .AppendLine("|---|---:|---:|---:|");
        rows.ForEach(r => section.AppendLine(r));
        section.AppendLine()
            .AppendLine("Peak memory is the process's peak resident set: for the engine a fresh child process (the .NET runtime, the in-process upstream server and the stream buffers; the file generation does not count), for curl `/usr/bin/time %M`. The engine reads the upstream and writes Glance at once, so its stage row includes the download and the hashing; curl only reads a local file.");
        Console.WriteLine(section);
        var results = Path.Combine(BenchSupport.RepoRoot(), "bench", "results", "sync.md");
        await File.WriteAllTextAsync(results, ReplaceSection(File.Exists(results) ? await File.ReadAllTextAsync(results) : "# Sync benchmarks\n\n", section.ToString()));
        Console.WriteLine($"Written to {results}");
        return 0;
    }

    /// <summary>Replaces this run's section of sync.md (or appends it), keeping the planning benchmark's.</summary>
    private static string ReplaceSection(string document, string section)
    {
        var start = document.IndexOf("## Streamed 2 GiB", StringComparison.Ordinal);
        if (start < 0)
        {
            return document.TrimEnd() + "\n\n" + section;
        }

        var end = document.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return document[..start] + section + (end < 0 ? string.Empty : document[end..]);
    }

    private static async Task<int> ChildAsync(string file, string sha256)
    {
        using var server = new UpstreamTestServer();
        var url = server.AddFile("images/bench.raw", file);
        var (live, session) = await ConnectAsync();
        var tag = "oim-bench-" + Guid.NewGuid().ToString("N")[..8];
        var definition = new ImageDefinition
        {
            Name = "Bench " + tag,
            Format = "raw",
            Login = "bench",
            MinDisk = 1,
            Status = "active",
            Visibility = "private",
            SourceFile = "bench.yml",
            Versions =
            [
                new ImageVersion
                {
                    DefinitionName = "Bench " + tag, Version = "1", Url = url.AbsoluteUri, GlanceName = $"Bench {tag} 1",
                    Checksum = new ImageChecksum("sha256", sha256), BuildDate = new DateOnly(2024, 1, 1),
                },
            ],
        };
        var log = new StageClock();
        var plan = await SyncOperations.PlanAsync(session, [definition], new PlanOptions { ManagedTag = tag, ImportMethod = ImportMethod.GlanceDirect }, null, log, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var results = await SyncOperations.ApplyAsync(plan, session,
            new ExecutionOptions { ImportTimeout = TimeSpan.FromMinutes(20), PollMaximum = TimeSpan.FromSeconds(1) }, log, CancellationToken.None);
        clock.Stop();
        var executed = results.Single();
        foreach (var image in await SyncOperations.ListManagedAsync(session, tag, NullOperationLog.Instance, CancellationToken.None))
        {
            await live.Glance.DeleteImageAsync(image.Id, CancellationToken.None);
        }

        SessionRegistry.Disconnect(session);
        if (executed.Error is not null || executed.Result.Checksum != ChecksumVerification.Verified)
        {
            Console.Error.WriteLine($"Import failed: {executed.Error?.Message} ({executed.Result.Checksum})");
            return 1;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {executed.Result.BytesTransferred} {log.StageSeconds(clock):0.00} {clock.Elapsed.TotalSeconds:0.00} {process.PeakWorkingSet64} gc-committed={GC.GetGCMemoryInfo().TotalCommittedBytes}"));
        return 0;
    }

    private static async Task<(double Seconds, long PeakBytes)> CurlAsync(string file)
    {
        var (live, session) = await ConnectAsync();
        var image = await live.Glance.CreateImageAsync(new JsonObject { ["name"] = "oim-bench-curl", ["disk_format"] = "raw", ["container_format"] = "bare" }, CancellationToken.None);
        try
        {
            var stage = new Uri(live.Glance.BaseUrl, $"images/{image.Id}/stage");
            var curl = BenchSupport.Run("/usr/bin/time", $"-f \"TIME %e %M\" curl -sS -f -o /dev/null -X PUT -T \"{file}\" -H \"Content-Type: application/octet-stream\" -H \"X-Auth-Token: {live.Token.Value}\" {stage}");
            var line = curl.Output.Split('\n').LastOrDefault(l => l.StartsWith("TIME ", StringComparison.Ordinal));
            if (curl.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException("curl failed: " + curl.Output.Replace(live.Token.Value, "***", StringComparison.Ordinal));
            }

            var parts = line.Split(' ');
            return (double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture) * 1024);
        }
        finally
        {
            await live.Glance.DeleteImageAsync(image.Id, CancellationToken.None);
            SessionRegistry.Disconnect(session);
        }
    }

    private static async Task<(CloudSession Live, OpenStackSession Session)> ConnectAsync()
    {
        var config = CloudConfigLoader.ForProcess(null).Load(Cloud, null, null);
        var live = await SessionFactory.ConnectAsync(config, SessionFactory.TransportFor(config), CancellationToken.None);
        SessionRegistry.Add(live);
        return (live, live.ToModel());
    }

    private static string Row(string what, long bytes, double seconds, long peakBytes) => string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {seconds:0.0} | {bytes / seconds / (1 << 20):0} | {peakBytes >> 20} MiB |");

    /// <summary>Times the stage from the importer's verbose lines: "created image" to the first status poll after staging.</summary>
    private sealed class StageClock : IOperationLog
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _created;
        private TimeSpan? _staged;

        public double StageSeconds(Stopwatch total) => ((_staged ?? total.Elapsed) - (_created ?? TimeSpan.Zero)).TotalSeconds;

        public void Verbose(string message)
        {
            Console.WriteLine("VERBOSE: " + message);
            if (message.Contains("created image", StringComparison.Ordinal))
            {
                _created ??= _clock.Elapsed;
            }
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message) => Console.WriteLine("WARNING: " + message);

        public void Progress(OperationProgress progress)
        {
            // After the bytes are staged the importer reports Glance's state instead of bytes.
            if (_created is not null && _staged is null && progress.Status is { } status && !status.Contains("sent", StringComparison.Ordinal) && status != "created")
            {
                _staged = _clock.Elapsed;
            }
        }
    }
}
