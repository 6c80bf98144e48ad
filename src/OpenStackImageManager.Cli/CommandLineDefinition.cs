using System.CommandLine;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The command line: the main job with the Python <c>openstack-image-manager</c>'s options, and the
/// subcommands for its side scripts (validate, table, mirror).
/// </summary>
internal static class CommandLineDefinition
{
    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Keeps the image catalog of an OpenStack cloud (Glance) in the state that YAML image definitions describe. " +
            "The options are those of the Python openstack-image-manager. Differences on purpose: properties, tags, " +
            "visibility and status of existing images are reconciled every run; declared checksums are verified; " +
            "--use-os-hidden never hides the newest image; --dry-run prints the exact plan.");

        var options = new ManagerOptions();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(DefinitionSubcommands.Validate(output, error));
        root.Subcommands.Add(DefinitionSubcommands.Table(output, error));
        root.Subcommands.Add(MirrorSubcommand.Build(output, error));
        root.Subcommands.Add(CheckScsSubcommand.Build(output, error));
        root.Subcommands.Add(UpdateSubcommand.Build(output, error));
        root.Subcommands.Add(CheckUpdatesSubcommand.Build(output, error));

        root.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleLog(error, parse.GetValue(options.Debug)) { Annotations = output };
            try
            {
                return await new ManagerJob(options, parse, output, log).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OpenStackException ex)
            {
                // The engine's errors already say what was tried, the status, the service's message and
                // its request id, and never a secret: that is all an operator needs, no stack trace.
                log.Error(ex.Message);
                return Program.ExitErrors;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Error("Cancelled.");
                return Program.ExitErrors;
            }
        });

        return root;
    }
}
