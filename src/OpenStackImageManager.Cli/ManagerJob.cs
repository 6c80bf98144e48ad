using System.CommandLine;
using OpenStackImageManager.Engine;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Rotation;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The main job, in the Python tool's order: validate, (share and stop), connect, plan, apply. Every
/// decision is the engine's (the same calls Compare-GlanceImage and Sync-GlanceImage make); this class
/// only turns options into engine calls and results into log lines and an exit code.
/// </summary>
internal sealed class ManagerJob(ManagerOptions options, ParseResult parse, TextWriter output, ConsoleLog log)
{
    private T Get<T>(Option<T> option) => parse.GetValue(option)!;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // The same query as Get-ImageDefinition: --filter, --force (disabled ones) and --latest mean what they mean there.
        var loaded = DefinitionQueries.Run(
            new DefinitionQuery
            {
                Paths = [Get(options.Images)],
                Filter = Get(options.Filter),
                IncludeDisabled = Get(options.Force),
                Latest = Get(options.Latest),
            },
            log,
            cancellationToken);
        DefinitionProblemReport.Write(loaded.Problems, log);

        var check = Get(options.Check) && !Get(options.NoCheck);
        if (loaded.HadErrors && (check || Get(options.CheckOnly)))
        {
            log.Error("Image definition validation failed; nothing was sent to the cloud.");
            return Program.ExitErrors;
        }

        if (Get(options.CheckOnly))
        {
            log.Verbose($"{loaded.Load.Definitions.Count} image definition(s) are valid.");
            return Program.ExitOk;
        }

        var session = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (Get(options.ShareImage) is { } shareImage)
        {
            return await new ShareJob(options, parse, log).RunAsync(session, shareImage, cancellationToken).ConfigureAwait(false);
        }

        var definitions = loaded.Definitions;
        // What upstream reads may take: the latest checks of the plan and the downloads of the apply alike.
        var upstream = new Engine.Transfer.UpstreamOptions().WithTimeouts(
            TimeSpan.FromSeconds(Get(options.UpstreamIdleTimeout)),
            Get(options.UpstreamTimeout) is { } total ? TimeSpan.FromSeconds(total) : null);
        var planOptions = new PlanOptions
        {
            Upstream = upstream,
            ManagedTag = Get(options.Tag),
            LatestOnly = DefinitionQueries.LatestOnly(definitions),
            ImportMethod = ImportMethodFor(Get(options.Prefetch)),
            ReimportChanged = Get(options.ReimportChanged),
        };
        // --check-age reads the same one inventory as a planner of its own (it only warns).
        IImagePlanner[] planners = Get(options.CheckAge)
            ? [.. RotationPlanners(loaded.HadErrors), new ImageAgePlanner(Get(options.MaxAge))]
            : [.. RotationPlanners(loaded.HadErrors)];
        // --standard judges what the plan leaves, as the last planner: findings are warnings before anything is sent.
        if (parse.GetValue(options.Standard) is { Length: > 0 } standards)
        {
            planners = [.. planners, new Engine.Compliance.CompliancePlanner(standards)];
        }

        IReadOnlyList<ImageChange> plan;
        try
        {
            plan = await SyncOperations.PlanAsync(session, definitions, planOptions, planners, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportRefusedException refused)
        {
            // Refused while planning, before anything was created; the remedies in this command's own options.
            log.Error(ImportRefusedException.MessageOf(refused.Refusals, RefusalNames));
            return Program.ExitErrors;
        }

        var actionable = plan.Where(c => c.Kind is not (ImageChangeKind.NoChange or ImageChangeKind.Orphaned)).ToList();
        foreach (var orphan in plan.Where(c => c.Kind == ImageChangeKind.Orphaned))
        {
            log.Warning(orphan.Description);
        }

        var summary = PlanSummary.Of(plan, session.Cloud, loaded.Summary.DisabledCount, loaded.Summary.FilteredOutCount);
        log.Verbose(summary.ToString());
        if (Get(options.DryRun))
        {
            foreach (var change in actionable)
            {
                output.WriteLine(change.ToString());
            }

            CiSummary.Plan(output, plan, summary);
            log.Verbose($"Dry run: {actionable.Count} change(s) planned, none applied.");
            // A conflict would fail the real run: the dry run says so with its exit code too.
            var conflicts = plan.Count(c => c.Kind == ImageChangeKind.Conflict);
            if (conflicts > 0)
            {
                log.Error($"{conflicts} image(s) need a decision (see the warnings above); the run would fail.");
            }

            return loaded.HadErrors || conflicts > 0 ? Program.ExitErrors : Program.ExitOk;
        }

        var execution = new ExecutionOptions
        {
            ImportTimeout = TimeSpan.FromSeconds(Get(options.ImportTimeout)),
            Lease = new Engine.Leases.LeaseOptions { Wait = TimeSpan.FromSeconds(Get(options.LeaseWait)) },
            Upstream = upstream,
        };
        var results = await SyncOperations.ApplyAsync(actionable, session, execution, log, cancellationToken).ConfigureAwait(false);
        var failed = 0;
        foreach (var executed in results)
        {
            var result = executed.Result;
            var line = $"{result.Outcome}: {result.Change.Description}{(result.Message is null ? string.Empty : $" ({result.Message})")}";
            if (result.Outcome == SyncOutcome.Failed)
            {
                failed++;
                log.Error(line);
            }
            else
            {
                log.Verbose(line);
            }
        }

        log.Verbose($"{results.Count} change(s): {results.Count - failed} done, {failed} failed.");
        var done = results.Select(r => r.Result).ToList();
        var outcome = SyncSummary.Of(done, session.Cloud);
        log.Verbose(outcome.ToString());
        CiSummary.Results(output, done, outcome);
        if (failed > 0 || loaded.HadErrors)
        {
            log.Error("One or more errors occurred during the execution of the program, please check the output.");
            return Program.ExitErrors;
        }

        return Program.ExitOk;
    }

    private Task<OpenStackSession> ConnectAsync(CancellationToken cancellationToken) =>
        CommandLineSession.ConnectAsync(parse.GetValue(options.Cloud), log, cancellationToken);

    /// <summary>The remedies of an import refusal in this command's words (it has no checksum-policy option).</summary>
    internal static ImportOptionNames RefusalNames { get; } = new("--prefetch on-stuck (the default) or --prefetch always", "--prefetch on-stuck (the default)", null);

    private static ImportMethod ImportMethodFor(string prefetch) => prefetch switch
    {
        "never" => ImportMethod.WebDownload,
        "always" => ImportMethod.GlanceDirect,
        _ => ImportMethod.Auto,
    };

    /// <summary>
    /// Rotation, as Invoke-ImageRotation plans it: newest is Name, older Name (version), the newest N
    /// (uuid_validity: last-N, default 3) keep their visibility, older ones become community (os_hidden
    /// with --use-os-hidden); --deactivate and --delete (with its second switch) act beyond the window.
    /// A run whose definitions had errors deletes and deactivates nothing.
    /// </summary>
    private IEnumerable<IImagePlanner> RotationPlanners(bool hadErrors)
    {
        var delete = Get(options.Delete);
        if (delete && !Get(options.YesIReallyKnow))
        {
            log.Warning("--delete is ignored without --yes-i-really-know-what-i-do: nothing is deleted.");
            delete = false;
        }

        var rotation = new ImageRotationOptions
        {
            UseOsHidden = Get(options.UseOsHidden),
            Deactivate = Get(options.Deactivate),
            Delete = delete,
            KeepUndefinedVersions = Get(options.Keep),
            OlderGeneric = Get(options.OlderGeneric) switch
            {
                "oldgeneric" => OlderGenericImages.OldGeneric,
                "hide" => OlderGenericImages.Hide,
                _ => OlderGenericImages.Unchanged,
            },
        };
        return [new RotationPlanner(rotation, hadErrors)];
    }
}
