using System.CommandLine;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// <c>mirror</c>: Sync-ImageMirror's work (the Python tool's mirror script, streamed and verified) over
/// the same engine run. Credentials come from the options, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
/// (or the Python mirror's MINIO_ACCESS_KEY/MINIO_SECRET_KEY) or the s3 section of the config file.
/// </summary>
internal static class MirrorSubcommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var images = new Option<string>("--images") { Description = "Directory or file with image definitions.", DefaultValueFactory = _ => "etc/images/" };
        var endpoint = new Option<Uri?>("--endpoint", "--minio-server")
        {
            Description = "S3 endpoint URL (Swift s3api, Ceph RGW, MinIO, AWS). Default: AWS_ENDPOINT_URL, then the config file.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"--endpoint must be an absolute http or https URL; got '{text}'.");
                return null;
            },
        };
        var bucket = new Option<string?>("--bucket", "--minio-bucket") { Description = "Bucket to mirror into; it must exist. Default: the config file." };
        var prefix = new Option<string>("--prefix") { Description = "Key prefix of the Python-compatible layout.", DefaultValueFactory = _ => "openstack-images" };
        var region = new Option<string?>("--region") { Description = "Signing region. Default: AWS_REGION, the config file, else us-east-1." };
        var keyTemplate = new Option<string?>("--key-template") { Description = "Object key template, e.g. '{prefix}/{shortname}/{version}-{shortname}{ext}'." };
        var accessKey = new Option<string?>("--access-key", "--minio-access-key") { Description = "S3 access key. Default: AWS_ACCESS_KEY_ID or MINIO_ACCESS_KEY, then the config file." };
        var throttle = new Option<int>("--throttle-limit") { Description = "Transfers at the same time.", DefaultValueFactory = _ => 4 };
        var force = new Option<bool>("--force") { Description = "Upload even when the object exists with matching size and checksum." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the objects that would be mirrored; transfer nothing." };
        var debug = new Option<bool>("--debug") { Description = "Debug logging (never secrets)." };
        throttle.Validators.Add(r => { if (ManagerOptions.Given(r) is < 1 or > 64) { r.AddError("--throttle-limit must be between 1 and 64."); } });

        var command = new Command("mirror", "Mirror the upstream image files of the definitions into an S3 bucket: streamed, decompressed on the fly, verified against the declared checksum.")
        {
            images, endpoint, bucket, prefix, region, keyTemplate, accessKey, throttle, force, dryRun, debug,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(debug));
            var loaded = DefinitionLoader.Load([parse.GetValue(images)!], strict: false, log, cancellationToken);
            foreach (var problem in loaded.Problems.Where(p => p.Severity == ProblemSeverity.Error))
            {
                log.Error(problem.ToString());
            }

            S3Settings settings;
            try
            {
                // The secret is never an option value (it would show in the process list): environment or config file only.
                var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? Environment.GetEnvironmentVariable("MINIO_SECRET_KEY");
                var access = parse.GetValue(accessKey) ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? Environment.GetEnvironmentVariable("MINIO_ACCESS_KEY");
                settings = S3SettingsResolver.Resolve(
                    new S3SettingsInput(parse.GetValue(endpoint), parse.GetValue(bucket), parse.GetValue(region), access, access is null ? null : secret),
                    Environment.GetEnvironmentVariable);
            }
            catch (MirrorDefinitionException ex)
            {
                log.Error(ex.Message);
                return Program.ExitUsage;
            }

            var batch = new MirrorBatch(settings, parse.GetValue(prefix)!, parse.GetValue(keyTemplate), parse.GetValue(force));
            var problems = loaded.HasErrors ? 1 : 0;
            foreach (var definition in loaded.Definitions)
            {
                foreach (var candidate in batch.Plan(definition))
                {
                    if (candidate.Warning is { } warning)
                    {
                        log.Warning(warning);
                    }
                    else if (candidate.Request is not { } request)
                    {
                        log.Error($"{definition.Name}: {candidate.Error}");
                        problems++;
                    }
                    else if (parse.GetValue(dryRun))
                    {
                        output.WriteLine($"{candidate.Action} -> {candidate.Target}");
                    }
                    else
                    {
                        batch.Approve(request);
                    }
                }
            }

            var results = await batch.RunAsync(parse.GetValue(throttle), log, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                output.WriteLine($"{result.Status}: s3://{settings.Bucket}/{result.ObjectKey} ({result.Bytes} bytes, checksum {(result.ChecksumVerified ? "verified" : "not verified")}){(result.Error is null ? string.Empty : $": {result.Error}")}");
            }

            return problems > 0 || results.Any(r => r.Status == MirrorStatus.Failed) ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }
}
