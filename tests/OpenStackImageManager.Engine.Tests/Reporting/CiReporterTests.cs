using OpenStackImageManager.Engine.Reporting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Reporting;

/// <summary>Which CI system the reporter speaks to, and how: summary files, upload lines, escaped annotations.</summary>
public sealed class CiReporterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oim-ci-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Outside_CI_there_is_no_reporter() => Assert.Null(CiReporter.From(Environment()));

    [Fact]
    public void GitHub_appends_the_summary_to_its_file_and_escapes_annotations()
    {
        var file = Path.Combine(_root, "summary.md");
        File.WriteAllText(file, "before\n");
        var ci = CiReporter.From(Environment(("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", file)))!;

        Assert.Empty(ci.Summary("### Plan"));
        Assert.Equal("before\n### Plan\n\n", File.ReadAllText(file));
        Assert.Equal("::error title=Sync%3A ConnectionError%2C twice::50%25 done%0Anext line", ci.ErrorAnnotation("Sync: ConnectionError, twice", "50% done\nnext line"));
        Assert.Equal("::error title=x::GET https://***@host/path failed", ci.ErrorAnnotation("x", "GET https://user:pw@host/path failed"));
    }

    [Fact]
    public void Azure_uploads_a_summary_file_and_keeps_issues_on_one_line()
    {
        var ci = CiReporter.From(Environment(("TF_BUILD", "True"), ("AGENT_TEMPDIRECTORY", _root)))!;

        var line = Assert.Single(ci.Summary("### Plan"));
        Assert.StartsWith($"##vso[task.uploadsummary]{_root}", line, StringComparison.Ordinal);
        Assert.Equal("### Plan", File.ReadAllText(line["##vso[task.uploadsummary]".Length..]));
        Assert.Equal("##vso[task.logissue type=error]title: two lines", ci.ErrorAnnotation("title", "two\nlines"));
    }

    [Fact]
    public void The_plan_markdown_has_the_counts_and_a_row_per_item_with_pipes_escaped()
    {
        ImageChange[] plan =
        [
            new() { Kind = ImageChangeKind.Create, ImageName = "A|B", Description = "create", ImportMethod = ImportMethod.WebDownload, SourceUrl = "https://x/a.img" },
            new() { Kind = ImageChangeKind.SetVisibility, ImageId = "1", ImageName = "Old", Description = "hide", Target = new ImageTarget { Visibility = "community" } },
        ];

        var markdown = PlanMarkdown.ForPlan(plan, PlanSummary.Of(plan, "prod", disabled: 1));

        Assert.Contains("### Image plan for prod", markdown, StringComparison.Ordinal);
        Assert.Contains("**1 to create, 0 to change, 1 to hide, 0 to delete** (1 disabled definition skipped)", markdown, StringComparison.Ordinal);
        Assert.Contains("| `+` | Create | A\\|B | WebDownload from https://x/a.img |", markdown, StringComparison.Ordinal);
    }
}
