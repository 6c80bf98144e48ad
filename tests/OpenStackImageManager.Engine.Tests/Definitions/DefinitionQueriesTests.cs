using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>The definition query every front end reads through, and what travels with its definitions.</summary>
public sealed class DefinitionQueriesTests
{
    private static readonly string Catalog = DefinitionYaml.WriteTemp(DefinitionYaml.File(
        DefinitionYaml.Image("Ubuntu 24.04", multi: true, ["9", "10"]),
        DefinitionYaml.Image("ubuntu minimal", multi: false, ["1"]),
        DefinitionYaml.Image("Cirros", multi: false, ["0.6.2", "0.6.3"], enable: false)));

    private static DefinitionQueryResult Run(DefinitionQuery query) => DefinitionQueries.Run(query, NullOperationLog.Instance, CancellationToken.None);

    [Fact]
    public void Filter_is_a_case_sensitive_unanchored_search_and_names_are_case_insensitive_wildcards()
    {
        Assert.Equal(["Ubuntu 24.04"], Run(new DefinitionQuery { Paths = [Catalog], Filter = "buntu 2" }).Definitions.Select(d => d.Name));
        Assert.Empty(Run(new DefinitionQuery { Paths = [Catalog], Filter = "UBUNTU" }).Definitions);
        Assert.Equal(["Ubuntu 24.04", "ubuntu minimal"], Run(new DefinitionQuery { Paths = [Catalog], Names = ["UBUNTU*"] }).Definitions.Select(d => d.Name));
        Assert.ThrowsAny<ArgumentException>(() => DefinitionQuery.CompileFilter("("));
    }

    [Fact]
    public void Disabled_definitions_only_when_asked_and_the_whole_load_stays_available()
    {
        var result = Run(new DefinitionQuery { Paths = [Catalog] });
        Assert.DoesNotContain("Cirros", result.Definitions.Select(d => d.Name));
        Assert.Equal(3, result.Load.Definitions.Count);
        Assert.Contains("Cirros", Run(new DefinitionQuery { Paths = [Catalog], IncludeDisabled = true }).Definitions.Select(d => d.Name));
    }

    [Fact]
    public void Latest_keeps_every_version_and_travels_as_a_planning_rule()
    {
        var result = Run(new DefinitionQuery { Paths = [Catalog], Latest = true });

        var ubuntu = result.Definitions.Single(d => d.Name == "Ubuntu 24.04");
        Assert.Equal(2, ubuntu.Versions.Count);
        Assert.True(DefinitionQueries.LatestOnly(result.Definitions));
        Assert.False(DefinitionQueries.LatestOnly(Run(new DefinitionQuery { Paths = [Catalog] }).Definitions));
    }

    [Fact]
    public void A_load_with_errors_marks_every_definition_it_gives_so_deletes_are_blocked_downstream()
    {
        var broken = Path.Combine(Path.GetDirectoryName(Catalog)!, "zz-broken.yml");
        File.WriteAllText(broken, "images:\n  - name: [unclosed\n");
        try
        {
            var result = Run(new DefinitionQuery { Paths = [Catalog, broken] });

            Assert.True(result.HadErrors);
            Assert.NotEmpty(result.Definitions);
            Assert.True(DefinitionQueries.HadErrors(result.Definitions));
            Assert.All(result.Definitions, d => Assert.True(d.LoadSummary!.HadErrors));
        }
        finally
        {
            File.Delete(broken);
        }

        Assert.False(DefinitionQueries.HadErrors(Run(new DefinitionQuery { Paths = [Catalog] }).Definitions));
        Assert.True(Run(new DefinitionQuery { Paths = [Catalog], UnresolvedPaths = 1 }).HadErrors);
    }

    [Fact]
    public void Without_paths_the_default_images_directory_is_read()
    {
        var result = Run(new DefinitionQuery());

        Assert.Equal(Defaults.ImagesDirectory, Assert.Single(result.Problems).File);
    }

    [Fact]
    public void The_problem_report_routes_errors_and_warnings_and_drops_none()
    {
        var problems = new[]
        {
            new DefinitionProblem("a.yml", 1, 1, ProblemSeverity.Warning, "k", "w"),
            new DefinitionProblem("a.yml", 2, 1, ProblemSeverity.Error, "k", "e"),
        };
        var output = new Collected();

        DefinitionProblemReport.Write(problems, output);

        Assert.Equal(["warning a.yml:1", "error a.yml:2"], output.Lines);
    }

    [Fact]
    public void The_mirror_approval_loop_asks_for_each_object_and_reports_what_it_cannot_plan()
    {
        var definitions = Run(new DefinitionQuery { Paths = [Catalog], IncludeDisabled = true }).Definitions;
        var batch = new MirrorBatch(
            new S3Settings(new Uri("http://127.0.0.1:1"), "bucket", "", new S3Credentials("k", "s", "test")), Defaults.MirrorPrefix, null, force: false);
        var approval = new Approval();

        foreach (var definition in definitions)
        {
            batch.Consider(definition, approval);
        }

        // Every version is asked about, passed over with a warning or reported as an error: none is lost.
        Assert.Equal(5, approval.Asked.Count + approval.Warnings.Count + approval.Errors.Count);
        Assert.Equal(approval.Errors.Count, batch.PlanningErrors);
        Assert.Equal(approval.Asked.Count(a => !a.Contains("0.6.2", StringComparison.Ordinal)), batch.Approved.Count);
    }

    private sealed class Collected : IDefinitionProblemOutput
    {
        public List<string> Lines { get; } = [];

        public void Error(DefinitionProblem problem) => Lines.Add($"error {problem.File}:{problem.Line}");

        public void Warning(DefinitionProblem problem) => Lines.Add($"warning {problem.File}:{problem.Line}");
    }

    private sealed class Approval : IMirrorApproval
    {
        public List<string> Asked { get; } = [];

        public List<string> Warnings { get; } = [];

        public bool Approve(MirrorCandidate candidate)
        {
            Asked.Add(candidate.Target);
            return !candidate.Target.Contains("0.6.2", StringComparison.Ordinal);
        }

        public void Warning(string message) => Warnings.Add(message);

        public List<string> Errors { get; } = [];

        public void Error(ImageDefinition definition, string message) => Errors.Add($"{definition.Name}: {message}");
    }
}
