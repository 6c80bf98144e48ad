using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Lifecycle;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Updates;

/// <summary>endoflife.date data against the real catalog: new majors not defined, enabled releases past their end.</summary>
public sealed class LifecycleTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static string Folder => Path.Combine(TestPaths.Fixtures, "upstream", "endoflife");

    [Fact]
    public void Eol_may_be_a_date_or_a_boolean()
    {
        var cycles = EndOfLifeData.Parse("""[{"cycle":"1","releaseDate":"2020-01-01","eol":true},{"cycle":"2","releaseDate":"2021-01-01","eol":false},{"cycle":3,"eol":"2030-01-01","lts":true}]""", "x");
        Assert.True(cycles[0].IsPastEnd(Today, false));
        Assert.False(cycles[1].IsPastEnd(Today, false));
        Assert.Equal("3", cycles[2].Cycle);
        Assert.True(cycles[2].Lts);
        Assert.False(cycles[2].IsReleased(Today));
    }

    [Fact]
    public void Broken_data_is_an_error()
    {
        Assert.Throws<InvalidDataException>(() => EndOfLifeData.Parse("<html>", "ubuntu"));
        Assert.Throws<InvalidDataException>(() => EndOfLifeData.Parse("{}", "ubuntu"));
    }

    [Fact]
    public async Task The_real_catalog_misses_the_new_majors_and_runs_releases_past_their_end()
    {
        var result = await LifecycleOperations.CheckAsync(UpdateParserTests.Catalog(), LifecycleProduct.Defaults, Folder, Today, NullOperationLog.Instance, CancellationToken.None);

        Assert.Empty(result.Failures);
        var missing = result.Findings.Where(f => f.Kind == LifecycleFindingKind.NewRelease).Select(f => $"{f.Product} {f.Cycle}").Order().ToArray();
        Assert.Equal(["almalinux 10", "centos-stream 10", "opensuse 16.0", "rocky-linux 10", "ubuntu 26.04"], missing);
        var ended = result.Findings.Where(f => f.Kind == LifecycleFindingKind.EndOfLife).ToArray();
        Assert.Contains(ended, f => f.Product == "opensuse" && f.Cycle == "15.6" && f.Definitions.SequenceEqual(["openSUSE Leap 15.6"]));
        Assert.Contains(ended, f => f.Product == "debian" && f.Cycle == "11");
        Assert.DoesNotContain(ended, f => f.Product == "debian" && f.Cycle == "12");
    }

    [Fact]
    public async Task The_new_majors_catalog_leaves_nothing_missing_for_its_products()
    {
        var catalog = UpdateParserTests.Catalog().Concat(UpdateFinderTests.NewMajors()).ToArray();
        var result = await LifecycleOperations.CheckAsync(catalog, LifecycleProduct.Defaults, Folder, Today, NullOperationLog.Instance, CancellationToken.None);
        Assert.DoesNotContain(result.Findings, f => f.Kind == LifecycleFindingKind.NewRelease);
    }

    [Fact]
    public void Ubuntu_interim_releases_are_not_expected()
    {
        var cycles = EndOfLifeData.Parse(File.ReadAllText(Path.Combine(Folder, "api", "ubuntu.json")), "ubuntu");
        var findings = LifecycleCheck.Evaluate([], LifecycleProduct.Defaults[0], cycles, new DateOnly(2026, 1, 1));
        Assert.DoesNotContain(findings, f => f.Cycle == "25.10");
    }

    [Fact]
    public async Task A_product_that_cannot_be_read_is_a_failure_not_a_finding()
    {
        var result = await LifecycleOperations.CheckAsync([], [new LifecycleProduct("no-such-product", "x-")], Folder, Today, NullOperationLog.Instance, CancellationToken.None);
        Assert.Single(result.Failures);
        Assert.Contains("Not checked", LifecycleReport.Markdown(result.Findings, result.Failures, Today), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_has_the_sections_of_the_weekly_issue()
    {
        var result = await LifecycleOperations.CheckAsync(UpdateParserTests.Catalog(), LifecycleProduct.Defaults, Folder, Today, NullOperationLog.Instance, CancellationToken.None);
        var report = LifecycleReport.Markdown(result.Findings, result.Failures, Today);
        Assert.Contains("## New versions available", report, StringComparison.Ordinal);
        Assert.Contains("## End-of-life images", report, StringComparison.Ordinal);
        Assert.Contains("ubuntu 26.04 was released 2026-04-23", report, StringComparison.Ordinal);
    }
}
