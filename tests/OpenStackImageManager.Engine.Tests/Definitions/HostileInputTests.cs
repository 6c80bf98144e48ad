using System.Diagnostics;
using System.Text;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>Hostile files end quickly with one clear, positioned error and never throw.</summary>
public class HostileInputTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private static DefinitionProblem LoadExpectingOneError(string path)
    {
        var clock = Stopwatch.StartNew();
        var result = DefinitionLoader.Load([path], strict: false, NullOperationLog.Instance, CancellationToken.None);
        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        Assert.Empty(result.Definitions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        return problem;
    }

    [Fact]
    public void A_huge_file_is_refused_before_it_is_read()
    {
        var path = DefinitionYaml.WriteTemp(string.Empty);
        using (var stream = File.OpenWrite(path))
        {
            stream.SetLength(2L * 1024 * 1024 * 1024); // sparse: costs no disk
        }

        var problem = LoadExpectingOneError(path);

        Assert.Equal($"{path}:1:1: error: file is 2,147,483,648 bytes; definition files are read up to 33,554,432 bytes", problem.ToString());
    }

    [Fact]
    public void Deep_nesting_stops_at_the_depth_limit()
    {
        var path = DefinitionYaml.WriteTemp("images: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        var problem = LoadExpectingOneError(path);

        Assert.Equal($"{path}:1:40: error: nesting deeper than 32 levels; image definitions need at most 5", problem.ToString());
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_refused_without_expanding_it()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        }

        text.Append("images: *a9\n");
        var path = DefinitionYaml.WriteTemp(text.ToString());

        var problem = LoadExpectingOneError(path);

        Assert.Equal($"{path}:7:", problem.ToString()[..(path.Length + 3)]);
        Assert.EndsWith("error: aliases expand the document to more than 5,000,000 nodes (an alias bomb?)", problem.ToString());
    }

    [Fact]
    public void Random_binary_content_is_refused_as_such()
    {
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);
        var path = DefinitionYaml.WriteTemp(string.Empty);
        File.WriteAllBytes(path, bytes);

        var problem = LoadExpectingOneError(path);

        Assert.True(problem.Message.StartsWith("not UTF-8 text", StringComparison.Ordinal)
                    || problem.Message.StartsWith("binary content", StringComparison.Ordinal), problem.Message);
    }

    [Fact]
    public void Utf16_text_is_refused_with_a_hint_to_save_as_utf8()
    {
        var path = DefinitionYaml.WriteTemp(string.Empty);
        File.WriteAllText(path, "images: []\n", Encoding.Unicode);

        var problem = LoadExpectingOneError(path);

        Assert.Equal($"{path}:1:1: error: not UTF-8 text: byte 0xFF cannot start or continue a UTF-8 character; save the file as UTF-8", problem.ToString());
    }

    [Fact]
    public void Tabs_and_duplicate_keys_are_errors_at_their_position()
    {
        var tabs = DefinitionYaml.WriteTemp("images:\n  - name: x\n\tformat: raw\n");
        var duplicates = DefinitionYaml.WriteTemp("images: []\nimages: []\n");

        Assert.Equal($"{tabs}:3:1: error: tab character in indentation; YAML allows only spaces there", LoadExpectingOneError(tabs).ToString());
        Assert.Equal($"{duplicates}:2:1: error: duplicate key 'images' (first defined at line 1); a key may appear once per mapping",
            LoadExpectingOneError(duplicates).ToString());
    }

    [Fact]
    public void A_long_run_of_garbage_punctuation_gives_one_syntax_error()
    {
        var path = DefinitionYaml.WriteTemp(string.Concat(Enumerable.Repeat("]:{&*!|>'\"%@`", 20_000)));

        var problem = LoadExpectingOneError(path);

        Assert.StartsWith("YAML syntax: ", problem.Message);
    }
}
