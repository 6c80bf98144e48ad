using System.Text;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>
/// Every file in Fixtures/bad-definitions is a valid definition file with exactly one fault, and
/// says on its first line what the loader must report: <c># expect: line:column: error: message</c>
/// (<c>{file}</c> stands for the file's own path). Regenerate them with
/// Fixtures/generate-bad-definitions.py.
/// </summary>
public class BadDefinitionCorpusTests
{
    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(TestPaths.BadDefinitions, "*.yml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Fact]
    public void The_corpus_has_at_least_forty_files()
    {
        Assert.True(Files().Count >= 40, $"only {Files().Count} bad files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_bad_file_gives_exactly_its_one_error_at_its_position(string fileName)
    {
        var path = Path.Combine(TestPaths.BadDefinitions, fileName);
        var expected = ExpectedLine(path).Replace("{file}", path, StringComparison.Ordinal);

        var result = DefinitionLoader.Load([path], strict: false, NullOperationLog.Instance, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal($"{path}:{expected}", problem.ToString());
        Assert.Equal(path, problem.File);
    }

    [Fact]
    public void A_definition_name_used_in_two_files_is_an_error_in_the_second_and_the_first_survives()
    {
        var directory = Path.Combine(TestPaths.Fixtures, "bad-definitions-cross-file", "duplicate-name");
        var first = Path.Combine(directory, "a.yml");
        var second = Path.Combine(directory, "b.yml");

        var result = DefinitionLoader.Load([directory], strict: false, NullOperationLog.Instance, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(
            $"{second}:4:11: error: definition name 'Cirros' is already defined at {first}:4:11; definition names must be unique",
            problem.ToString());
        Assert.Equal("images[0].name", problem.Key);
        var survivor = Assert.Single(result.Definitions);
        Assert.Equal(first, survivor.SourceFile);
    }

    [Fact]
    public void Other_definitions_of_a_file_still_load_when_one_is_invalid()
    {
        var good = DefinitionYaml.Image("Good", multi: true, ["1"]);
        var bad = DefinitionYaml.Image("Bad", multi: true, ["1"]).Replace("format: qcow2", "format: qcow", StringComparison.Ordinal);
        var path = DefinitionYaml.WriteTemp(DefinitionYaml.File(good, bad));

        var result = DefinitionLoader.Load([path], strict: false, NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal(["Good"], result.Definitions.Select(d => d.Name));
        Assert.Equal(ProblemSeverity.Error, Assert.Single(result.Problems).Severity);
    }

    [Fact]
    public void A_missing_path_is_a_problem_not_an_exception()
    {
        var missing = Path.Combine(Path.GetTempPath(), "osim-no-such-dir-" + Guid.NewGuid());

        var result = DefinitionLoader.Load([missing], strict: false, NullOperationLog.Instance, CancellationToken.None);

        Assert.Equal($"{missing}:1:1: error: no such file or directory", Assert.Single(result.Problems).ToString());
    }

    private static string ExpectedLine(string path)
    {
        // The expectation line is UTF-8 even in the files whose fault is not being UTF-8 further down.
        var bytes = File.ReadAllBytes(path);
        var first = Encoding.UTF8.GetString(bytes, 0, Array.IndexOf(bytes, (byte)'\n'));
        const string prefix = "# expect: ";
        Assert.StartsWith(prefix, first);
        return first[prefix.Length..];
    }
}
