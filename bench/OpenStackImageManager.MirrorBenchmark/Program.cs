using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenStackImageManager.Bench;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Integration.Tests.Mirror;
using OpenStackImageManager.Models;

// Mirror benchmark. `all` (default): make the 2 GiB file once, run the mirror in a fresh child process
// (so its peak working set is the mirror's alone), run `aws s3 cp` of the same file under /usr/bin/time,
// write bench/results/mirror.md. `mirror <file> <sha256> <key>`: one measured mirror run.
var mode = args.Length > 0 ? args[0] : "all";
return mode switch
{
    "mirror" => await MirrorOnce(args[1], args[2], args[3]),
    _ => await All(args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 2L << 30),
};

static async Task<int> All(long size)
{
    var dir = Path.Combine(Path.GetTempPath(), "oim-mirror-bench");
    Directory.CreateDirectory(dir);
    var file = Path.Combine(dir, $"image-{size}.raw");
    var sha256 = await BenchSupport.PrepareAsync(file, size);
    var store = Store();
    var prefix = $"oim-mirror-bench/{DateTime.UtcNow:yyyyMMddHHmmss}";
    var rows = new List<string>();

    var self = Environment.GetCommandLineArgs()[0];
    var mirror = BenchSupport.Run("dotnet", $"\"{self}\" mirror \"{file}\" {sha256} {prefix}/mirror.raw");
    Console.WriteLine(mirror.Output);
    var figures = mirror.Output.Split('\n').First(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Split(' ');
    var seconds = double.Parse(figures[2], CultureInfo.InvariantCulture);
    var peak = long.Parse(figures[3], CultureInfo.InvariantCulture);
    rows.Add(Row("Sync-ImageMirror engine (HTTP → sha256 → S3 multipart, 16 MiB parts × 3 buffers)", size, seconds, peak));

    // The same bytes uploaded by the AWS CLI from local disk (no download, no hashing of ours).
    var awsEnv = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = store.Credentials.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = store.Credentials.SecretKey,
        ["AWS_DEFAULT_REGION"] = store.Region,
        // Swift's s3api takes neither flexible checksums nor aws-chunked uploads.
        ["AWS_REQUEST_CHECKSUM_CALCULATION"] = "when_required",
        ["AWS_RESPONSE_CHECKSUM_VALIDATION"] = "when_required",
    };
    var aws = BenchSupport.Run("/usr/bin/time", $"-f \"TIME %e %M\" aws s3 cp --only-show-errors --endpoint-url {store.Endpoint} \"{file}\" s3://{store.Bucket}/{prefix}/aws.raw", awsEnv);
    var awsLine = aws.Output.Split('\n').LastOrDefault(l => l.StartsWith("TIME ", StringComparison.Ordinal));
    string awsVersion = BenchSupport.Run("aws", "--version").Output.Trim();
    if (aws.ExitCode == 0 && awsLine is not null)
    {
        var parts = awsLine.Split(' ');
        rows.Add(Row($"`aws s3 cp` from local disk ({awsVersion.Split(' ')[0]}, defaults: 8 MiB parts, 10 threads)", size, double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture) * 1024));
    }
    else
    {
        rows.Add($"| `aws s3 cp` | failed (exit {aws.ExitCode}): {aws.Output.Trim().Replace('\n', ' ')} | | |");
    }

    using (var client = S3ClientFactory.Create(store))
    {
        foreach (var key in new[] { $"{prefix}/mirror.raw", $"{prefix}/aws.raw" })
        {
            await client.DeleteObjectAsync(store.Bucket, key);
        }
    }

    var report = new StringBuilder()
        .AppendLine("# Mirror benchmark: 2 GiB image into the local Swift S3")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/OpenStackImageManager.MirrorBenchmark` (`dotnet run -c Release --project bench/OpenStackImageManager.MirrorBenchmark`), with the local test cloud running (`bash tests/cloud/start.sh`).")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({BenchSupport.CpuModel()}), {TotalMemoryGiB()} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. S3: Swift 2.30.1 s3api + tempauth on 127.0.0.1:8080, one replica, same disk. Upstream: an in-process HTTP/1.1 server on 127.0.0.1 serving the file from disk (page cache warm).")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"File: {size} bytes of random data, sha256 `{sha256}` declared and verified.")
        .AppendLine()
        .AppendLine("| transfer | seconds | MiB/s | peak memory (process working set) |")
        .AppendLine("|---|---:|---:|---:|");
    foreach (var row in rows)
    {
        report.AppendLine(row);
    }

    report.AppendLine()
        .AppendLine("Peak memory is the whole process's peak resident set (VmHWM): for the mirror that includes the .NET runtime, the AWS SDK, the in-process upstream server and the part buffers (3 × 16 MiB); for the AWS CLI, the Python interpreter and its buffers (`/usr/bin/time %M`).")
        .AppendLine("The mirror run is a fresh child process, so the file generation before it does not count.");
    var results = Path.Combine(BenchSupport.RepoRoot(), "bench", "results", "mirror.md");
    await File.WriteAllTextAsync(results, report.ToString());
    Console.WriteLine(report);
    Console.WriteLine($"Written to {results}");
    return 0;
}

static async Task<int> MirrorOnce(string file, string sha256, string key)
{
    using var server = new UpstreamTestServer();
    var url = server.AddFile("images/bench.raw", file);
    var settings = Store();
    using var mirror = new ImageMirror(settings, new MirrorOptions { Force = true }, new ConsoleLog());
    var request = MirrorRequest.For("Benchmark", "1", url, key, ImageChecksum.Parse("sha256:" + sha256));
    var clock = Stopwatch.StartNew();
    var result = await mirror.MirrorAsync(request, 1, CancellationToken.None);
    clock.Stop();
    if (result.Status != MirrorStatus.Uploaded || !result.ChecksumVerified)
    {
        Console.Error.WriteLine($"Mirror failed: {result.Status} {result.Error}");
        return 1;
    }

    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {result.Bytes} {clock.Elapsed.TotalSeconds:0.00} {process.PeakWorkingSet64} gc-heap-peak-committed={GC.GetGCMemoryInfo().TotalCommittedBytes}"));
    return 0;
}

static S3Settings Store()
{
    var env = new Dictionary<string, string>();
    var envFile = "/var/tmp/oim-testcloud/env.sh";
    if (File.Exists(envFile))
    {
        foreach (var line in File.ReadAllLines(envFile).Select(l => l.Replace("export ", "", StringComparison.Ordinal)).Where(l => l.Contains('=', StringComparison.Ordinal)))
        {
            env[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
    }

    string Get(string name) => Environment.GetEnvironmentVariable(name) ?? env.GetValueOrDefault(name)
        ?? throw new InvalidOperationException($"{name} not set; start the local test cloud: bash tests/cloud/start.sh");
    return new S3Settings(new Uri(Get("OIM_S3_ENDPOINT")), Get("OIM_S3_BUCKET"), Get("OIM_S3_REGION"), new S3Credentials(Get("OIM_S3_ACCESS_KEY"), Get("OIM_S3_SECRET_KEY"), "test cloud"));
}

static string Row(string what, long bytes, double seconds, long peakBytes) => string.Create(CultureInfo.InvariantCulture,
    $"| {what} | {seconds:0.0} | {bytes / seconds / (1 << 20):0} | {peakBytes / (1 << 20)} MiB |");

static string TotalMemoryGiB() => (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)).ToString(CultureInfo.InvariantCulture);

/// <summary>Prints the engine's messages (not progress) so a run shows what happened.</summary>
internal sealed class ConsoleLog : IOperationLog
{
    public void Verbose(string message) => Console.WriteLine("VERBOSE: " + message);

    public void Debug(string message)
    {
    }

    public void Warning(string message) => Console.WriteLine("WARNING: " + message);

    public void Progress(OperationProgress progress)
    {
    }
}
