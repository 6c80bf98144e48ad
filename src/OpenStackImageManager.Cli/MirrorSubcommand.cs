using System.CommandLine;
using OpenStackImageManager.Engine;
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
        var images = new Option<string>("--images") { Description = "Directory or file with image definitions.", DefaultValueFactory = _ => Defaults.ImagesDirectory };
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
        var prefix = new Option<string>("--prefix") { Description = "Key prefix of the Python-compatible layout.", DefaultValueFactory = _ => Defaults.MirrorPrefix };
        var region = new Option<string?>("--region") { Description = "Signing region. Default: AWS_REGION, the config file, else us-east-1." };
        var keyTemplate = new Option<string?>("--key-template") { Description = "Object key template, e.g. '{prefix}/{shortname}/{version}-{shortname}{ext}'." };
        var accessKey = new Option<string?>("--access-key", "--minio-access-key") { Description = "S3 access key. Default: AWS_ACCESS_KEY_ID or MINIO_ACCESS_KEY, then the config file." };
        var throttle = new Option<int>("--throttle-limit") { Description = "Transfers at the same time.", DefaultValueFactory = _ => Defaults.ThrottleLimit };
        var force = new Option<bool>("--force") { Description = "Upload even when the object exists with matching size and checksum." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the objects that would be mirrored; transfer nothing." };
        var debug = new Option<bool>("--debug") { Description = "Debug logging (never secrets)." };
        throttle.Validators.Add(r => { if (ManagerOptions.Given(r) is < Defaults.MinThrottleLimit or > Defaults.MaxThrottleLimit) { r.AddError($"--throttle-limit must be between {Defaults.MinThrottleLimit} and {Defaults.MaxThrottleLimit}."); } });

        var command = new Command("mirror", "Mirror the upstream image files of the definitions into an S3 bucket: streamed, decompressed on the fly, verified against the declared checksum.")
        {
            images, endpoint, bucket, prefix, region, keyTemplate, accessKey, throttle, force, dryRun, debug,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(debug));
            // The definition query and problem report of every other command: warnings are shown, not dropped.
            // Every definition, enabled or not, as the Python mirror script mirrors the whole catalog.
            var loaded = DefinitionQueries.Run(
                new DefinitionQuery { Paths = [parse.GetValue(images)!], IncludeDisabled = true }, log, cancellationToken);
            DefinitionProblemReport.Write(loaded.Problems, log);

            S3Settings settings;
            try
            {
                // The secret is never an option value (it would show in the process list); the engine finds it.
                settings = S3SettingsResolver.Resolve(
                    new S3SettingsInput(parse.GetValue(endpoint), parse.GetValue(bucket), parse.GetValue(region), parse.GetValue(accessKey), SecretKey: null),
                    Environment.GetEnvironmentVariable);
            }
            catch (MirrorDefinitionException ex)
            {
                log.Error(ex.Message);
                return Program.ExitUsage;
            }

            var batch = new MirrorBatch(settings, parse.GetValue(prefix)!, parse.GetValue(keyTemplate), parse.GetValue(force));
            var approval = new CommandLineMirrorApproval(output, log, parse.GetValue(dryRun));
            foreach (var definition in loaded.Definitions)
            {
                batch.Consider(definition, approval);
            }

            var results = await batch.RunAsync(parse.GetValue(throttle), log, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                output.WriteLine($"{result.Status}: s3://{settings.Bucket}/{result.ObjectKey} ({result.Bytes} bytes, checksum {(result.ChecksumVerified ? "verified" : "not verified")}){(result.Error is null ? string.Empty : $": {result.Error}")}");
            }

            return loaded.HadErrors || batch.PlanningErrors > 0 || results.Any(r => r.Status == MirrorStatus.Failed) ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }
}
