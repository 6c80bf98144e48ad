using System.Management.Automation;
using OpenStackImageManager.Engine.Reporting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// What Compare-GlanceImage and Sync-GlanceImage say about a whole plan or run besides the objects: the
/// summary line (host information, so the plan objects still pipe into Sync-GlanceImage unchanged and
/// <c>6&gt;&amp;1</c> or -InformationVariable capture it), each item in full with -Verbose, and in CI the
/// job summary.
/// </summary>
internal static class PlanReport
{
    /// <summary>The tag of the summary lines.</summary>
    internal const string SummaryTag = "OpenStackImageManager.Summary";

    internal static void WritePlan(PSCmdlet cmdlet, IReadOnlyCollection<ImageChange> plan, string? cloud, (int Disabled, int FilteredOut) skipped)
    {
        foreach (var item in plan)
        {
            cmdlet.WriteVerboseLine(Detail(item));
        }

        var summary = PlanSummary.Of(plan, cloud, skipped.Disabled, skipped.FilteredOut);
        WriteSummary(cmdlet, summary.ToString());
        CiOutput.Summary(cmdlet, () => PlanMarkdown.ForPlan(plan, summary));
    }

    internal static void WriteResults(PSCmdlet cmdlet, IReadOnlyCollection<ImageSyncResult> results, string? cloud)
    {
        var summary = SyncSummary.Of(results, cloud);
        WriteSummary(cmdlet, summary.ToString());
        CiOutput.Summary(cmdlet, () => PlanMarkdown.ForResults(results, summary));
    }

    private static void WriteSummary(Cmdlet cmdlet, string line) =>
        cmdlet.WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST", SummaryTag]);

    /// <summary>An item in full: the -WhatIf text, the source of a create, every property change.</summary>
    private static string Detail(ImageChange item)
    {
        var lines = new List<string> { $"{item.Symbol} {item.Description}" };
        if (item.Kind == ImageChangeKind.Create && item.SourceUrl is not null)
        {
            lines.Add($"    {item.ImportMethod} from {item.SourceUrl}");
        }

        lines.AddRange(item.Changes.Select(c => "    " + c));
        return string.Join(Environment.NewLine, lines);
    }
}
