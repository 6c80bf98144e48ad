using System.CommandLine;
using OpenStackImageManager.Engine;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Tables;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// <c>validate</c> (Test-ImageDefinition) and <c>table</c> (ConvertTo-ImageTable, the Python
/// tool's table script) over the same engine code as the cmdlets.
/// </summary>
internal static class DefinitionSubcommands
{
    private const string DefaultImages = Defaults.ImagesDirectory;

    public static Command Validate(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Definition files or directories (default: etc/images/).", Arity = ArgumentArity.ZeroOrMore };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors, and report each of enable, meta.hypervisor_type and meta.os_purpose a definition leaves out (the Python schema requires them; otherwise enable is true and the two properties are not set)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing; only the exit code tells." };
        var standard = new Option<string[]>("--standard") { Description = "Also judge each version's image as a sync would create it by this standard (scs-0102, scs-0104), repeatable; findings are problems at the key that decides them." };
        standard.AcceptOnlyFromAmong([.. Engine.Compliance.ComplianceStandards.Names]);
        var command = new Command("validate", "Validate image definition files; print file:line:column: severity: message per problem.")
        {
            paths, strict, quiet, standard,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths) is { Length: > 0 } p ? p : [DefaultImages];
            if (MissingPath(given, error) is { } exit)
            {
                return exit;
            }

            // Test-ImageDefinition's query; the problems are this command's output, errors and warnings alike.
            var result = DefinitionQueries.Run(
                new DefinitionQuery { Paths = given, Strict = parse.GetValue(strict), IncludeDisabled = true, Standards = parse.GetValue(standard) ?? [] }, NullOperationLog.Instance, CancellationToken.None);
            if (!parse.GetValue(quiet))
            {
                DefinitionProblemReport.Write(result.Problems, new ProblemLines(output));
            }

            return result.HadErrors ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }

    public static Command Table(TextWriter output, TextWriter error)
    {
        var images = new Option<string>("--images") { Description = "Directory or file with image definitions.", DefaultValueFactory = _ => DefaultImages };
        var format = new Option<string>("--format") { Description = "rst (default, as the Python tool) or markdown.", DefaultValueFactory = _ => "rst" };
        format.AcceptOnlyFromAmong("rst", "markdown");
        var command = new Command("table", "Print the catalog as a table of name, login user and password, sorted by name.")
        {
            images, format,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(images)!;
            if (MissingPath([path], error) is { } exit)
            {
                return exit;
            }

            // Like table.py: every definition, enabled or not; the problems go to stderr, the table to stdout.
            var result = DefinitionQueries.Run(
                new DefinitionQuery { Paths = [path], IncludeDisabled = true }, NullOperationLog.Instance, CancellationToken.None);
            DefinitionProblemReport.Write(result.Problems, new ProblemLines(error));

            var tableFormat = parse.GetValue(format) == "markdown" ? ImageTableFormat.Markdown : ImageTableFormat.Rst;
            output.Write(ImageTableWriter.Write(result.Definitions, tableFormat));
            return result.HadErrors ? Program.ExitErrors : Program.ExitOk;
        });
        return command;
    }

    /// <summary>A path that does not exist is a usage error (exit 2), not a finding about definitions.</summary>
    private static int? MissingPath(IEnumerable<string> paths, TextWriter error)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        foreach (var path in missing)
        {
            error.WriteLine($"openstack-image-manager: no such file or directory: {path}");
        }

        return missing.Length > 0 ? Program.ExitUsage : null;
    }
}
