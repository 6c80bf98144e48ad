using System.Text;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>The findings as the Markdown report the weekly job puts into an issue (the Python check's sections).</summary>
public static class LifecycleReport
{
    public static string Markdown(IReadOnlyList<LifecycleFinding> findings, IReadOnlyList<string> failures, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(failures);
        var text = new StringBuilder();
        text.Append("# Image catalog lifecycle check (").Append(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(")\n\n");
        if (findings.Count == 0 && failures.Count == 0)
        {
            text.Append("No findings: every supported release is defined, no enabled image is past its end of life.\n");
            return text.ToString();
        }

        Section(text, "New versions available", findings.Where(f => f.Kind == LifecycleFindingKind.NewRelease));
        Section(text, "End-of-life images", findings.Where(f => f.Kind == LifecycleFindingKind.EndOfLife));
        Section(text, "Images older than the allowed age", findings.Where(f => f.Kind == LifecycleFindingKind.Aged));
        if (failures.Count > 0)
        {
            text.Append("## Not checked\n\n");
            foreach (var failure in failures)
            {
                text.Append("- ").Append(failure).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<LifecycleFinding> findings)
    {
        var list = findings.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        text.Append("## ").Append(title).Append("\n\n");
        foreach (var finding in list)
        {
            text.Append("- ").Append(finding.Message).Append('\n');
        }

        text.Append('\n');
    }
}
