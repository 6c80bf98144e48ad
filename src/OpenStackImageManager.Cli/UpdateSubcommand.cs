using System.CommandLine;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Engine.Updates.Editing;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// <c>update</c>: the Python updater's job over the engine of Find-ImageUpdate and
/// Update-ImageDefinition: find the newest build of each definition, (verify, mirror and) write it
/// into the definition file. Its options (<c>--name</c>, <c>--dry-run</c>, <c>--images-dir</c>,
/// <c>--debug</c>) plus ours; MIRROR_BASE_URL is read as the Python updater reads it.
/// </summary>
internal static class UpdateSubcommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Option<string[]>("--name") { Description = "Only the definition file <name>.yml (e.g. ubuntu, debian); may be repeated.", AllowMultipleArgumentsPerToken = false };
        var dryRun = new Option<bool>("--dry-run") { Description = "Find and print the changes as diffs; write and mirror nothing." };
        var imagesDir = new Option<string>("--images-dir", "--images") { Description = "Directory (or file) with image definitions.", DefaultValueFactory = _ => Engine.Defaults.ImagesDirectory };
        var debug = new Option<bool>("--debug") { Description = "Debug logging: every request, secrets masked." };
        var verify = new Option<bool>("--verify") { Description = "Stream each new build and compare it with its manifest before it is written." };
        var policy = new Option<string>("--policy") { Description = "auto (append for GitHub releases, else replace), replace (the newest entry in place) or append.", DefaultValueFactory = _ => "auto" };
        policy.AcceptOnlyFromAmong("auto", "replace", "append");
        var keep = new Option<int>("--keep") { Description = "With append: version entries to keep (0: all).", DefaultValueFactory = _ => 0 };
        var mirrorBaseUrl = new Option<Uri?>("--mirror-base-url") { Description = "Public URL of the mirror bucket that mirror_url is made of. Default: MIRROR_BASE_URL; none: no mirror_url." };
        var mirrorPrefix = new Option<string>("--mirror-prefix") { Description = "Key prefix of the Python layout.", DefaultValueFactory = _ => MirrorKeyLayout.DefaultPrefix };
        var keyTemplate = new Option<string?>("--key-template") { Description = "Object key template instead of the Python layout." };
        var mirror = new Option<bool>("--mirror") { Description = "Mirror missing objects into S3 before writing (else mirror_url is written only for objects that exist)." };
        var endpoint = new Option<Uri?>("--endpoint") { Description = "S3 endpoint for --mirror. Default: AWS_ENDPOINT_URL, then the config file." };
        var bucket = new Option<string?>("--bucket") { Description = "Bucket for --mirror. Default: the config file." };
        var region = new Option<string?>("--region") { Description = "S3 signing region." };
        var accessKey = new Option<string?>("--access-key") { Description = "S3 access key. Default: AWS_ACCESS_KEY_ID, then the config file (the secret only from AWS_SECRET_ACCESS_KEY or the config file)." };
        var rewrite = new Option<string[]>("--url-rewrite") { Description = "PREFIX=REPLACEMENT: read upstream URLs starting with PREFIX from REPLACEMENT instead (internal mirrors, offline sites, tests); may be repeated." };
        var gitHubApi = new Option<Uri>("--github-api-url") { Description = "GitHub REST API base for release sources.", DefaultValueFactory = _ => new Uri("https://api.github.com/") };
        var maxReleases = new Option<int>("--max-releases") { Description = "Releases read per GitHub request.", DefaultValueFactory = _ => 10 };

        var command = new Command("update", "Find the newest upstream build of each definition and write version, build date, checksum, URL and mirror URL into the definition files (comments and formatting kept).")
        {
            name, dryRun, imagesDir, debug, verify, policy, keep, mirrorBaseUrl, mirrorPrefix, keyTemplate, mirror, endpoint, bucket, region, accessKey, rewrite, gitHubApi, maxReleases,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(debug));
            var folder = parse.GetValue(imagesDir)!;
            var names = parse.GetValue(name) ?? [];
            var paths = names.Length == 0 ? [folder] : names.Select(n => Path.Combine(folder, n + ".yml")).ToArray();
            var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
            foreach (var path in missing)
            {
                error.WriteLine($"openstack-image-manager: no such file or directory: {path}");
            }

            if (missing.Length > 0)
            {
                return Program.ExitUsage;
            }

            IReadOnlyDictionary<string, string> rewrites;
            try
            {
                rewrites = Rewrites(parse.GetValue(rewrite) ?? []);
            }
            catch (FormatException e)
            {
                error.WriteLine($"openstack-image-manager: --url-rewrite: {e.Message}");
                return Program.ExitUsage;
            }

            // Every definition counts (disabled ones too), and problems are shown as by every other command.
            var loaded = DefinitionQueries.Run(new DefinitionQuery { Paths = paths, IncludeDisabled = true }, log, cancellationToken);
            DefinitionProblemReport.Write(loaded.Problems, log);

            var options = new UpdateOptions
            {
                Verify = parse.GetValue(verify),
                UrlRewrites = rewrites,
                GitHubApiUrl = parse.GetValue(gitHubApi)!,
                GitHubToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN"),
                MaxReleases = parse.GetValue(maxReleases),
            };
            MirrorTarget? target;
            try
            {
                // The secret is never an option value (it would show in the process list); the engine finds it.
                target = MirrorTarget.Resolve(parse.GetValue(mirrorBaseUrl), parse.GetValue(mirrorPrefix)!, parse.GetValue(keyTemplate), parse.GetValue(mirror) && !parse.GetValue(dryRun),
                    new S3SettingsInput(parse.GetValue(endpoint), parse.GetValue(bucket), parse.GetValue(region), parse.GetValue(accessKey), SecretKey: null),
                    Environment.GetEnvironmentVariable);
            }
            catch (MirrorDefinitionException e)
            {
                log.Error(e.Message);
                return Program.ExitUsage;
            }

            var failures = loaded.HadErrors ? 1 : 0;
            var policyValue = parse.GetValue(policy) switch { "replace" => CatalogUpdatePolicy.ReplaceNewest, "append" => CatalogUpdatePolicy.Append, _ => CatalogUpdatePolicy.Auto };
            using var updates = new CatalogUpdates(options);
            using var updater = new DefinitionUpdater(options, target, log);
            var written = 0;
            foreach (var definition in loaded.Definitions)
            {
                var check = await updates.CheckAsync(definition, log, cancellationToken).ConfigureAwait(false);
                if (check.Error is { } problem)
                {
                    log.Error(problem);
                    failures++;
                    continue;
                }

                if (check.Update is not { IsNew: true } update)
                {
                    if (check.Update is { } current)
                    {
                        log.Verbose($"'{definition.Name}': up to date ({current.NewVersion}).");
                    }

                    continue;
                }

                try
                {
                    var prepared = await updater.PrepareAsync(update, policyValue, parse.GetValue(keep), log, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"{definition.Name}: {update.CurrentVersion ?? "(none)"} -> {update.NewVersion} ({update.SourceKind}{(update.Verified ? ", verified" : string.Empty)}; {update.FoundVia})");
                    if (parse.GetValue(dryRun))
                    {
                        output.Write(prepared.Edit.Diff);
                        continue;
                    }

                    await updater.WriteAsync(prepared, log, cancellationToken).ConfigureAwait(false);
                    written++;
                }
                catch (Exception e) when (e is CatalogEditException or MirrorDefinitionException or IOException or FormatException)
                {
                    log.Error($"'{definition.Name}': {e.Message}");
                    failures++;
                }
            }

            log.Verbose($"{written} definition(s) written; {updates.Requests} upstream requests.");
            return failures > 0 ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }

    private static IReadOnlyDictionary<string, string> Rewrites(string[] values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var at = value.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == value.Length - 1)
            {
                throw new FormatException($"'{value}' is not PREFIX=REPLACEMENT.");
            }

            map[value[..at]] = value[(at + 1)..];
        }

        return map;
    }
}
