using System.CommandLine;
using OpenStackImageManager.Engine;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The main job's options: those of the Python <c>openstack-image-manager</c>, with its defaults, so a
/// cron line keeps working when the command is swapped. Where our behaviour differs on purpose, the
/// description says so (and the README).
/// </summary>
internal sealed class ManagerOptions
{
    /// <summary>No default value here: whether --cloud was given decides its rank in the engine's cloud rule.</summary>
    public Option<string?> Cloud { get; } = new("--cloud") { Description = $"Cloud name in clouds.yaml. Without --cloud: OS_CLOUD, else the OS_* variables when OS_AUTH_URL is set, else '{Defaults.CommandLineCloud}'." };

    public Option<string> Images { get; } = new("--images") { Description = "Directory (*.yml, *.yaml) or file with image definitions.", DefaultValueFactory = _ => Defaults.ImagesDirectory };

    public Option<string> Tag { get; } = new("--tag") { Description = "Tag that marks managed images.", DefaultValueFactory = _ => Defaults.ManagedTag };

    public Option<string?> Filter { get; } = new("--filter") { Description = "Regular expression searched in definition names; only matching definitions are processed, other images are left alone." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the plan, one line per change (the items of Compare-GlanceImage); change nothing." };

    public Option<bool> Latest { get; } = new("--latest") { Description = "For multi images, import only the newest version when missing." };

    public Option<bool> Keep { get; } = new("--keep") { Description = "Keep versions of multi: false images that were removed from the YAML." };

    public Option<bool> Hide { get; } = new("--hide") { Description = "Accepted for compatibility (the OSISM wrapper passes it): images beyond the keep window (uuid_validity: last-N, default 3) always become community; inside the window they keep their defined visibility." };

    public Option<bool> Deactivate { get; } = new("--deactivate") { Description = "Deactivate images beyond the keep window." };

    public Option<bool> Delete { get; } = new("--delete") { Description = "Delete images beyond the keep window; needs --yes-i-really-know-what-i-do. Never protected images, images in use, or after an error in the same run." };

    public Option<bool> YesIReallyKnow { get; } = new("--yes-i-really-know-what-i-do") { Description = "Second safety switch for --delete." };

    public Option<bool> Force { get; } = new("--force") { Description = "Also process definitions with enable: false." };

    public Option<bool> UseOsHidden { get; } = new("--use-os-hidden") { Description = "Hide older images with os_hidden instead of community. Differs from the Python tool: the newest image is never hidden." };

    public Option<bool> Check { get; } = new("--check") { Description = "Validate the definitions before anything else (default; errors give exit 1 before the cloud is contacted).", DefaultValueFactory = _ => true };

    public Option<bool> NoCheck { get; } = new("--no-check") { Description = "Do not stop when some definitions are invalid: the valid ones are processed, the invalid ones are reported and never sent to the cloud, the run ends with exit 1 and deletes nothing." };

    public Option<bool> CheckOnly { get; } = new("--check-only") { Description = "Validate the definitions and exit (no cloud connection)." };

    public Option<bool> CheckAge { get; } = new("--check-age") { Description = "Warn about managed images whose build date is more than --max-age days older than the newest one of their definition." };

    public Option<int> MaxAge { get; } = new("--max-age") { Description = "Days for --check-age.", DefaultValueFactory = _ => 90 };

    public Option<string?> ShareImage { get; } = new("--share-image") { Description = "Image name or id to share or unshare; only sharing is done." };

    public Option<string> ShareAction { get; } = new("--share-action") { Description = "add or del.", DefaultValueFactory = _ => "add" };

    public Option<string> ShareDomain { get; } = new("--share-domain") { Description = "Domain (name or id) of the --share-target project.", DefaultValueFactory = _ => "default" };

    public Option<string?> ShareTarget { get; } = new("--share-target") { Description = "Project (or, with --share-type domain, domain) to share with." };

    public Option<string> ShareType { get; } = new("--share-type") { Description = "project or domain (every project of the domain).", DefaultValueFactory = _ => "project" };

    public Option<string> Prefetch { get; } = new("--prefetch") { Description = "never: web-download only (a declared checksum Glance's own hash cannot confirm is refused before anything is created); on-stuck (default): web-download when the cloud offers it and the checksum can be verified, else bytes stream through us (stage + glance-direct); always: always stream through us. No aria2c and no temporary file is needed.", DefaultValueFactory = _ => "on-stuck" };

    public Option<bool> ReimportChanged { get; } = new("--reimport-changed") { Description = "Not in the Python tool. Import a version anew when its declared checksum differs from the one recorded on its image: the new image is created and verified first, then the old one is renamed '<name> (<version>-replaced-<date>)' and left to rotation. Without it such a version is an error (exit 1) and its image is left as it is." };

    public Option<int> ImportTimeout { get; } = new("--import-timeout") { Description = "Seconds one image may take from create to active.", DefaultValueFactory = _ => Defaults.ImportTimeoutSeconds };

    public Option<int> LeaseWait { get; } = new("--lease-wait") { Description = "Not in the Python tool. Seconds to wait while another run holds the catalog lease of this project and tag (it is changing the same images); 0 (default): stop at once with an error naming the holder and when its lease expires. Dry runs take no lease.", DefaultValueFactory = _ => Defaults.LeaseWaitSeconds };

    public Option<int?> UpstreamTimeout { get; } = new("--upstream-timeout") { Description = "Not in the Python tool. Seconds one upstream file (image, checksum file) may take as a whole when the tool reads it itself, resumes included; default: no bound." };

    public Option<int> UpstreamIdleTimeout { get; } = new("--upstream-idle-timeout") { Description = "Not in the Python tool. Seconds an upstream read may deliver no byte before it counts as broken (resumed, or an error).", DefaultValueFactory = _ => 60 };

    public Option<int> StuckRetry { get; } = new("--stuck-retry") { Description = "Accepted for compatibility. A failed or stuck import is deleted and retried by the next run (crash-safe), not in a loop within one run.", DefaultValueFactory = _ => 0 };

    public Option<string[]> Standard { get; } = new("--standard") { Description = "Not in the Python tool. Judge the images as the plan (sync and rotation) would leave them by this standard (scs-0102: SCS image metadata, scs-0104: vendor sources), repeatable; each finding is a warning before anything is sent (with --dry-run too)." };

    public Option<string> OlderGeneric { get; } = new("--older-generic") { Description = "Not in the Python tool. unchanged (default); oldgeneric: older images that share os_distro and os_version with a newer generic one get os_purpose oldgeneric and the name 'Name YYYYMMDD' (their build date); hide: they get os_hidden. Keeps one public generic image per distro version (SCS image metadata).", DefaultValueFactory = _ => "unchanged" };

    public Option<bool> Debug { get; } = new("--debug") { Description = "Debug logging: every request (method, path, status, duration, request id); tokens and passwords are masked." };

    public ManagerOptions()
    {
        Prefetch.AcceptOnlyFromAmong("never", "on-stuck", "always");
        ShareAction.AcceptOnlyFromAmong("add", "del");
        ShareType.AcceptOnlyFromAmong("project", "domain");
        Standard.AcceptOnlyFromAmong([.. Engine.Compliance.ComplianceStandards.Names]);
        OlderGeneric.AcceptOnlyFromAmong("unchanged", "oldgeneric", "hide");
        Filter.Validators.Add(r =>
        {
            try
            {
                _ = OpenStackImageManager.Engine.Definitions.DefinitionQuery.CompileFilter(r.GetValueOrDefault<string?>() ?? string.Empty);
            }
            catch (ArgumentException ex)
            {
                r.AddError($"--filter is not a valid regular expression: {ex.Message}");
            }
        });
        MaxAge.Validators.Add(r => { if (Given(r) < 1) { r.AddError("--max-age must be at least 1."); } });
        ImportTimeout.Validators.Add(r => { if (Given(r) < 1) { r.AddError("--import-timeout must be at least 1 second."); } });
        LeaseWait.Validators.Add(r => { if (Given(r) < 0) { r.AddError("--lease-wait must be 0 or more seconds."); } });
        UpstreamTimeout.Validators.Add(r => { if (Given(r) < 1) { r.AddError("--upstream-timeout must be at least 1 second."); } });
        UpstreamIdleTimeout.Validators.Add(r => { if (Given(r) < 1) { r.AddError("--upstream-idle-timeout must be at least 1 second."); } });
    }

    /// <summary>
    /// The number given on the command line, or null when none was given or it is not a number (the
    /// parser reports that itself; asking for the value in a validator would throw instead).
    /// </summary>
    internal static int? Given(System.CommandLine.Parsing.OptionResult result) =>
        result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public IEnumerable<Option> All =>
    [
        Cloud, Images, Tag, Filter, DryRun, Latest, Keep, Hide, Deactivate, Delete, YesIReallyKnow, Force, UseOsHidden,
        Check, NoCheck, CheckOnly, CheckAge, MaxAge, ShareImage, ShareAction, ShareDomain, ShareTarget, ShareType,
        Prefetch, ReimportChanged, ImportTimeout, LeaseWait, UpstreamTimeout, UpstreamIdleTimeout, StuckRetry, Standard, OlderGeneric, Debug,
    ];
}
