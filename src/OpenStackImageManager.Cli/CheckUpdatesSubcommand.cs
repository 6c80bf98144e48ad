using System.CommandLine;
using System.Globalization;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Lifecycle;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// <c>check-updates</c>: the Python end-of-life check over the engine of Test-ImageLifecycle, with
/// its options (<c>--today</c>, <c>--output</c>, <c>--status-file</c>) and exit codes (0 clean,
/// 1 findings, 2 failure), plus a local source for the data and the age check against a cloud.
/// </summary>
internal static class CheckUpdatesSubcommand
{
    public const int ExitFindings = 1;
    public const int ExitFailure = 2;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var images = new Option<string>("--images", "--images-dir") { Description = "Directory or file with image definitions.", DefaultValueFactory = _ => Engine.Defaults.ImagesDirectory };
        var today = new Option<string?>("--today") { Description = "Check as of this date (YYYY-MM-DD) instead of today." };
        var outputFile = new Option<string?>("--output") { Description = "Write the Markdown report to this file instead of stdout." };
        var statusFile = new Option<string?>("--status-file") { Description = "Write 'clean' or 'findings' to this file." };
        var eolSource = new Option<string>("--eol-url", "--eol-source") { Description = "endoflife.date base URL, or a folder with <product>.json files (offline).", DefaultValueFactory = _ => EndOfLifeData.DefaultBaseUrl.ToString() };
        var product = new Option<string[]>("--product") { Description = "Only these products (ubuntu, debian, almalinux, rocky-linux, centos-stream, opensuse); may be repeated." };
        var maxAge = new Option<int?>("--max-age") { Description = "Also report managed images of --cloud more than this many days behind their definition's newest build." };
        var cloud = new Option<string?>("--cloud") { Description = "Cloud name in clouds.yaml for --max-age. Default: OS_CLOUD, then the OS_* variables when OS_AUTH_URL is set, then openstack." };
        var tag = new Option<string>("--tag") { Description = "The tag of managed images, for --max-age.", DefaultValueFactory = _ => Engine.Defaults.ManagedTag };
        var debug = new Option<bool>("--debug") { Description = "Debug logging." };

        var command = new Command("check-updates", "Compare the catalog with end-of-life data: supported releases not defined, enabled releases past their end of life, and (--max-age) images too far behind. Exit 0 clean, 1 findings, 2 failure.")
        {
            images, today, outputFile, statusFile, eolSource, product, maxAge, cloud, tag, debug,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(debug));
            var date = DateOnly.FromDateTime(DateTime.UtcNow);
            if (parse.GetValue(today) is { } given && !DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                error.WriteLine($"openstack-image-manager: --today must be a date (YYYY-MM-DD); got '{given}'.");
                return Program.ExitUsage;
            }

            var path = parse.GetValue(images)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                error.WriteLine($"openstack-image-manager: no such file or directory: {path}");
                return ExitFailure;
            }

            // Every definition counts (disabled ones too), and problems are shown as by every other command.
            var loaded = DefinitionQueries.Run(new DefinitionQuery { Paths = [path], IncludeDisabled = true }, log, cancellationToken);
            DefinitionProblemReport.Write(loaded.Problems, log);

            IReadOnlyList<LifecycleProduct> chosen;
            try
            {
                chosen = LifecycleProduct.Select(parse.GetValue(product));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"openstack-image-manager: --product: {e.Message}");
                return Program.ExitUsage;
            }

            var result = await LifecycleOperations.CheckAsync(loaded.Definitions, chosen, parse.GetValue(eolSource)!, date, log, cancellationToken).ConfigureAwait(false);
            var findings = result.Findings.ToList();
            var failures = result.Failures.ToList();
            if (parse.GetValue(maxAge) is { } days)
            {
                try
                {
                    var session = await CommandLineSession.ConnectAsync(parse.GetValue(cloud), log, cancellationToken).ConfigureAwait(false);
                    findings.AddRange(await LifecycleOperations.AgedAsync(session, loaded.Definitions, parse.GetValue(tag)!, days, log, cancellationToken).ConfigureAwait(false));
                }
                catch (Engine.Errors.OpenStackException e)
                {
                    failures.Add($"images of the cloud: {e.Message}");
                }
            }

            foreach (var failure in failures)
            {
                log.Error(failure);
            }

            var report = LifecycleReport.Markdown(findings, failures, date);
            if (parse.GetValue(outputFile) is { } file)
            {
                await File.WriteAllTextAsync(file, report, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                output.Write(report);
            }

            if (parse.GetValue(statusFile) is { } status)
            {
                await File.WriteAllTextAsync(status, findings.Count > 0 ? "findings\n" : "clean\n", cancellationToken).ConfigureAwait(false);
            }

            return failures.Count > 0 || loaded.HadErrors ? ExitFailure : findings.Count > 0 ? ExitFindings : Program.ExitOk;
        });
        return command;
    }
}
