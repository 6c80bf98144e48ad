using System.CommandLine;
using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// <c>check-scs</c> (Test-GlanceImageCompliance): lists the images a project member sees and judges
/// them by image metadata standards. Exit 0 when no mandatory check fails, 1 when one does (or, with
/// --strict, any finding), 2 on usage errors or when the cloud cannot be read.
/// </summary>
internal static class CheckScsSubcommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var cloud = new Option<string?>("--cloud") { Description = "Cloud name in clouds.yaml. Default: OS_CLOUD, then the OS_* variables when OS_AUTH_URL is set, then openstack." };
        var standard = new Option<string[]>("--standard")
        {
            Description = $"Standard to check, repeatable: {string.Join(", ", ComplianceStandards.Names)} (default {ComplianceStandards.Default}).",
            AllowMultipleArgumentsPerToken = false,
        };
        standard.AcceptOnlyFromAmong([.. ComplianceStandards.Names]);
        var strict = new Option<bool>("--strict") { Description = "Also fail (exit 1) on recommendations that are not followed (warnings)." };
        var debug = new Option<bool>("--debug") { Description = "Debug logging: every request; tokens and passwords are masked." };
        var command = new Command("check-scs",
            "Check the images a project member sees (public and the project's community images, not hidden) against SCS image metadata; print one line per finding.")
        {
            cloud, standard, strict, debug,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(debug));
            IReadOnlyList<GlanceImage> images;
            try
            {
                var session = await CommandLineSession.ConnectAsync(parse.GetValue(cloud), log, cancellationToken).ConfigureAwait(false);
                images = await ComplianceOperations.ListAsync(session, log, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenStackException ex)
            {
                log.Error(ex.Message);
                return Program.ExitUsage;
            }

            var results = ComplianceOperations.Judge(images, parse.GetValue(standard), DateTimeOffset.UtcNow);
            foreach (var result in results)
            {
                output.WriteLine(result.ToString());
            }

            var failing = results.Count(r => r.Severity == ProblemSeverity.Error || parse.GetValue(strict));
            log.Verbose($"{images.Count} image(s) checked: {results.Count(r => r.Severity == ProblemSeverity.Error)} error(s), {results.Count(r => r.Severity == ProblemSeverity.Warning)} warning(s).");
            return failing > 0 ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }
}
