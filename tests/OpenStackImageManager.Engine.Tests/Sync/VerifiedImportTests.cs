using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Engine.Tests.Http;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// A Create against a scripted Glance, for what the real one cannot be driven into: a DELETE that
/// answers 500, an import lock its task never released. The real-Glance facts (marker, staging name,
/// mismatch) are in the integration tests.
/// </summary>
public class VerifiedImportTests
{
    private const string Id = "11111111-2222-3333-4444-555555555555";
    private static readonly string s_sha512 = new('a', 128);

    private static readonly ImageVersion s_version = new()
    {
        DefinitionName = "Raw",
        Version = "1",
        Url = "https://example.com/disk.raw",
        Checksum = new ImageChecksum("sha512", s_sha512),
        BuildDate = new DateOnly(2024, 6, 3),
        GlanceName = "Raw 1",
    };

    private static readonly ImageDefinition s_raw = new()
    {
        Name = "Raw",
        Format = "raw",
        Login = "root",
        MinDisk = 1,
        MinRam = 512,
        Status = "active",
        Visibility = "public",
        Meta = new Dictionary<string, string> { ["os_distro"] = "cirros" },
        Versions = [s_version],
        SourceFile = "unit.yml",
    };

    private static string Image(string status, string? lockTask = null, string name = "Raw 1 (importing)") =>
        $$"""{"id":"{{Id}}","name":"{{name}}","status":"{{status}}","visibility":"private","tags":[],"protected":false,"os_hidden":false,"min_disk":1,"min_ram":512,"disk_format":"raw","size":1048576,"os_hash_algo":"sha512","os_hash_value":"{{s_sha512}}","owner":"p1","oim_pending":"run"{{(lockTask is null ? "" : $",\"os_glance_import_task\":\"{lockTask}\"")}}}""";

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Recorded(ConcurrentQueue<string> log, int status, string body = "") =>
        async (request, _) =>
        {
            var sent = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            log.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath} {sent}");
            return new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body) };
        };

    private static async Task<(ExecutedChange Result, string[] Requests, SyncRun Run)> CreateAsync(params (int Status, string Body)[] answers)
    {
        var log = new ConcurrentQueue<string>();
        var handler = new ScriptedHandler(answers.Select(a => Recorded(log, a.Status, a.Body)).ToArray());
        var glance = new GlanceClient(new HttpClient(handler), new Uri("http://glance.test/v2/"), "test", () => []);
        var run = new SyncRun(Session, glance, Tag, "p1");
        var create = Assert.Single(Plan([s_raw], []));
        Assert.Equal(ImportMethod.WebDownload, create.ImportMethod);
        var options = new ExecutionOptions { PollMinimum = TimeSpan.FromMilliseconds(1), PollMaximum = TimeSpan.FromMilliseconds(1) };
        using var upstream = new HttpClient();
        var importer = new ImageImporter(run, options, upstream, NullOperationLog.Instance) { DeletePause = TimeSpan.FromMilliseconds(1) };
        var result = await importer.CreateAsync(create, CancellationToken.None);
        return (result, log.ToArray(), run);
    }

    [Fact]
    public async Task The_image_is_created_private_staged_and_pending_and_one_patch_after_verification_names_and_publishes_it()
    {
        // The wait is one shared listing of the run's imports in flight.
        var (result, requests, run) = await CreateAsync((201, Image("queued")), (202, ""), (200, $"{{\"images\":[{Image("active")}]}}"), (200, Image("active", name: "Raw 1")));

        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.VerifiedByGlance, result.Result.Checksum);
        Assert.Equal(["POST", "POST", "GET", "PATCH"], requests.Select(r => r.Split(' ')[0]));
        var body = JsonNode.Parse(requests[0][(requests[0].IndexOf('{', StringComparison.Ordinal))..])!;
        Assert.Equal("Raw 1 (importing)", (string?)body["name"]);
        Assert.Equal("private", (string?)body["visibility"]);
        Assert.Equal(run.RunId, (string?)body[DesiredImage.PendingKey]);
        var patch = requests[3];
        Assert.Contains("\"path\":\"/name\",\"value\":\"Raw 1\"", patch, StringComparison.Ordinal);
        Assert.Contains($"\"op\":\"remove\",\"path\":\"/{DesiredImage.PendingKey}\"", patch, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/visibility\",\"value\":\"public\"", patch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_its_ended_task_never_released_is_judged_by_the_hash_not_deleted_for_the_timeout()
    {
        var locked = Image("active", lockTask: "t1");
        var tasks = """{"tasks":[{"id":"t1","status":"failure","message":"deadlock found when trying to get lock"}]}""";

        var (result, requests, _) = await CreateAsync((201, Image("queued")), (202, ""), (200, locked), (200, locked), (200, locked), (200, locked), (200, locked), (200, locked), (200, tasks), (200, Image("active", name: "Raw 1")));

        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(ChecksumVerification.VerifiedByGlance, result.Result.Checksum);
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.StartsWith("PATCH", requests[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cleanup_delete_that_keeps_failing_is_retried_and_the_message_says_the_image_was_not_deleted()
    {
        var (result, requests, _) = await CreateAsync((201, Image("queued")), (500, "import broke"), (500, ""), (500, ""), (500, ""));

        Assert.Equal(SyncOutcome.Failed, result.Result.Outcome);
        Assert.Equal(3, requests.Count(r => r.StartsWith("DELETE", StringComparison.Ordinal)));
        Assert.Contains($"the new image {Id} could not be deleted", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("it stays private and marked pending, and the next run deletes it", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("was deleted", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cleanup_delete_that_succeeds_on_a_retry_says_deleted()
    {
        var (result, requests, _) = await CreateAsync((201, Image("queued")), (500, "import broke"), (500, ""), (204, ""));

        Assert.Equal(2, requests.Count(r => r.StartsWith("DELETE", StringComparison.Ordinal)));
        Assert.EndsWith($"the new image {Id} was deleted", result.Error!.Message, StringComparison.Ordinal);
    }
}
