using OpenStackImageManager.Engine.Reporting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The main job's plan and results in the CI job summary (GitHub Actions, Azure Pipelines), through the
/// same reporter the cmdlets use; the reporter's commands go to stdout, where the CI system reads them.
/// </summary>
internal static class CiSummary
{
    internal static void Plan(TextWriter output, IReadOnlyCollection<ImageChange> plan, PlanSummary summary) =>
        Write(output, ci => ci.Summary(PlanMarkdown.ForPlan(plan, summary)));

    internal static void Results(TextWriter output, IReadOnlyCollection<ImageSyncResult> results, SyncSummary summary) =>
        Write(output, ci => ci.Summary(PlanMarkdown.ForResults(results, summary)));

    private static void Write(TextWriter output, Func<CiReporter, IReadOnlyList<string>> report)
    {
        if (CiReporter.FromEnvironment() is { } ci)
        {
            foreach (var line in report(ci))
            {
                output.WriteLine(line);
            }
        }
    }
}
