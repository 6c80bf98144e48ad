using System.CommandLine;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The options of the Python <c>openstack-image-manager</c>, with its defaults, so that a cron line
/// keeps working when the command is swapped.
/// </summary>
internal static class CommandLineDefinition
{
    internal static RootCommand Build() => Build(Console.Out, Console.Error);

    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Keeps the image catalog of an OpenStack cloud (Glance) in the state that YAML image definitions describe. " +
            "Options are those of the Python openstack-image-manager.");

        root.Options.Add(new Option<string>("--cloud") { Description = "Cloud name in clouds.yaml.", DefaultValueFactory = _ => "openstack" });
        root.Options.Add(new Option<string>("--images") { Description = "Directory or file with image definitions.", DefaultValueFactory = _ => "etc/images/" });
        root.Options.Add(new Option<string>("--tag") { Description = "Tag that marks managed images.", DefaultValueFactory = _ => "managed_by_osism" });
        root.Options.Add(new Option<string?>("--filter") { Description = "Regular expression; only definitions whose name matches are processed." });
        root.Options.Add(new Option<bool>("--dry-run") { Description = "Show the plan; change nothing." });
        root.Options.Add(new Option<bool>("--latest") { Description = "For multi images, import only the newest version." });
        root.Options.Add(new Option<bool>("--keep") { Description = "Keep versions of multi: false images that were removed from the YAML." });
        root.Options.Add(new Option<bool>("--hide") { Description = "Make rotated images community instead of their defined visibility." });
        root.Options.Add(new Option<bool>("--deactivate") { Description = "Deactivate images beyond the keep window." });
        root.Options.Add(new Option<bool>("--delete") { Description = "Delete images beyond the keep window (needs --yes-i-really-know-what-i-do)." });
        root.Options.Add(new Option<bool>("--yes-i-really-know-what-i-do") { Description = "Second safety switch for --delete." });
        root.Options.Add(new Option<bool>("--force") { Description = "Also process definitions with enable: false." });
        root.Options.Add(new Option<bool>("--use-os-hidden") { Description = "Hide older images with os_hidden (the newest is never hidden)." });
        root.Options.Add(new Option<bool>("--check") { Description = "Validate the definitions before anything else (default).", DefaultValueFactory = _ => true });
        root.Options.Add(new Option<bool>("--no-check") { Description = "Skip validation before the run." });
        root.Options.Add(new Option<bool>("--check-only") { Description = "Validate the definitions and exit." });
        root.Options.Add(new Option<bool>("--check-age") { Description = "Warn about managed images older than --max-age days." });
        root.Options.Add(new Option<int>("--max-age") { Description = "Days for --check-age.", DefaultValueFactory = _ => 90 });
        root.Options.Add(new Option<string?>("--share-image") { Description = "Image name or id to share (only sharing is done)." });
        root.Options.Add(new Option<string>("--share-action") { Description = "add or del.", DefaultValueFactory = _ => "add" });
        root.Options.Add(new Option<string>("--share-domain") { Description = "Domain of the --share-target project.", DefaultValueFactory = _ => "default" });
        root.Options.Add(new Option<string?>("--share-target") { Description = "Project (or domain, with --share-type domain) to share with." });
        root.Options.Add(new Option<string>("--share-type") { Description = "project or domain.", DefaultValueFactory = _ => "project" });
        var prefetch = new Option<string>("--prefetch") { Description = "never, on-stuck or always.", DefaultValueFactory = _ => "on-stuck" };
        prefetch.AcceptOnlyFromAmong("never", "on-stuck", "always");
        root.Options.Add(prefetch);
        root.Options.Add(new Option<int>("--import-timeout") { Description = "Seconds to wait for one image to become active.", DefaultValueFactory = _ => 1800 });
        root.Options.Add(new Option<int>("--stuck-retry") { Description = "Extra attempts for a stuck import.", DefaultValueFactory = _ => 0 });
        root.Options.Add(new Option<bool>("--debug") { Description = "Debug logging (request lines, never secrets)." });

        root.Subcommands.Add(DefinitionSubcommands.Validate(output, error));
        root.Subcommands.Add(DefinitionSubcommands.Table(output, error));

        root.SetAction(_ =>
        {
            // The synchronisation itself lands with the reconcile engine; until then say so plainly
            // instead of pretending to have done something.
            Console.Error.WriteLine("openstack-image-manager: synchronisation is not available in this build yet.");
            return Program.ExitErrors;
        });

        return root;
    }
}
