using System.Text;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Reporting;

/// <summary>
/// A plan and a sync's results as Markdown for a CI job summary: a heading, the summary line and one
/// table row per item. Source URLs are shown as the plan items hold them (without user info or signature).
/// </summary>
public static class PlanMarkdown
{
    /// <summary>Job summaries have a size limit (1 MiB on GitHub); a plan longer than this is cut with a note.</summary>
    public const int MaxRows = 500;

    public static string ForPlan(IReadOnlyCollection<ImageChange> plan, PlanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append("### ").Append(summary.Cloud is null ? "Image plan" : $"Image plan for {Cell(summary.Cloud)}").Append("\n\n");
        text.Append("**").Append(summary.Counts()).Append("**");
        if (summary.Notes() is { Length: > 0 } notes)
        {
            text.Append(" (").Append(notes).Append(')');
        }

        text.Append("\n\n");
        if (plan.Count == 0)
        {
            return text.Append("No changes.\n").ToString();
        }

        text.Append("| | Kind | Image | Change |\n|---|---|---|---|\n");
        foreach (var item in plan.Take(MaxRows))
        {
            text.Append("| `").Append(item.Symbol).Append("` | ").Append(item.Kind).Append(" | ").Append(Cell(item.ImageName))
                .Append(" | ").Append(Cell(Detail(item))).Append(" |\n");
        }

        return More(text, plan.Count).ToString();
    }

    public static string ForResults(IReadOnlyCollection<ImageSyncResult> results, SyncSummary summary)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append("### ").Append(summary.Cloud is null ? "Image sync" : $"Image sync of {Cell(summary.Cloud)}").Append("\n\n");
        text.Append("**").Append(summary.Counts()).Append("**\n\n");
        if (results.Count == 0)
        {
            return text.Append("Nothing to do.\n").ToString();
        }

        text.Append("| Outcome | Kind | Image | Message |\n|---|---|---|---|\n");
        foreach (var result in results.Take(MaxRows))
        {
            text.Append("| ").Append(result.Outcome).Append(" | `").Append(result.Change.Symbol).Append("` ").Append(result.Kind)
                .Append(" | ").Append(Cell(result.ImageName)).Append(" | ").Append(Cell(result.Message ?? string.Empty)).Append(" |\n");
        }

        return More(text, results.Count).ToString();
    }

    /// <summary>The change in full where a summary has room: the source URL of a create, every property change.</summary>
    private static string Detail(ImageChange item) => item.Kind == ImageChangeKind.Create
        ? $"{item.ImportMethod} from {item.SourceUrl}"
        : item.Changes.Count == 0 ? PlanText.Change(item, 200) : string.Join("; ", item.Changes.Select(c => c.ToString()));

    private static StringBuilder More(StringBuilder text, int count) =>
        count > MaxRows ? text.Append("\n… and ").Append(count - MaxRows).Append(" more.\n") : text;

    /// <summary>A table cell: pipes escaped, line breaks flattened.</summary>
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
