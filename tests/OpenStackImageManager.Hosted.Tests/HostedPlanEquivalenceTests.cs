using System.Management.Automation;
using System.Text.RegularExpressions;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// A plan carries its own decisions: for every plan option, <c>Compare-GlanceImage @opts | Sync-GlanceImage</c>
/// sends Glance exactly the requests <c>Sync-GlanceImage -Definition @opts</c> sends, recorded from the
/// module's own -Debug lines (method and URL of every request) against the local test cloud. Each side
/// starts from the same state under a tag of its own; ids and the tag are normalised away. The import
/// monitor's status looks are left out (how many depends on how long Glance takes), and the requests are
/// compared in sorted order: the next image is created and staged while one imports, so the order of
/// two images' requests depends on timing.
/// </summary>
public sealed class HostedPlanEquivalenceTests : IDisposable
{
    private static readonly Regex s_request = new(@"^HTTP (?<method>[A-Z]+) (?<url>\S+)", RegexOptions.CultureInvariant);
    private static readonly Regex s_uuid = new("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly HostedPowerShell _shell = new();
    private readonly List<(string Tag, string Work)> _runs = [];

    public HostedPlanEquivalenceTests()
    {
        Assert.True(Environment.GetEnvironmentVariable("OIM_TESTCLOUD") == "1", "start the local test cloud: bash tests/cloud/start.sh, then source /var/tmp/oim-testcloud/env.sh");
    }

    public void Dispose()
    {
        foreach (var (tag, work) in _runs)
        {
            _shell.Run($"Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag '{tag}' -IncludeHidden | Remove-GlanceImage -Cloud oim-p1 -Confirm:$false");
            Directory.Delete(work, recursive: true);
        }

        _shell.Dispose();
    }

    /// <summary>
    /// Each row: the plan options, the catalog state both sides start from, and how many of one request the option
    /// makes (a POST and a PATCH of them are the catalog lease's create and release).
    /// </summary>
    [Theory]
    [InlineData("Tag", "", "", "POST /v2/images", 2 + 1)]
    [InlineData("Latest", "-Latest", "", "POST /v2/images", 1 + 1)]
    [InlineData("IncludeOrphaned", "-IncludeOrphaned", "orphan", "POST /v2/images", 1 + 1)]
    [InlineData("ImportMethod", "-ImportMethod Upload", "", "PUT /v2/images/<id>/file", 2)]
    [InlineData("ChecksumPolicy", "-ChecksumPolicy Skip", "wrong-checksum", "DELETE /v2/images/<id>", 0)]
    [InlineData("Rotation", "-Rotation @{ Keep = 1; IncludeOrphaned = $true }", "rotation", "PATCH /v2/images/<id>", 1 + 1)]
    public void Compare_piped_into_Sync_sends_what_Sync_with_Definition_sends(string option, string options, string setup, string request, int count)
    {
        var piped = Run(setup, (definitions, tag) =>
            $"{definitions} | Compare-GlanceImage -Cloud oim-p1 -Tag '{tag}' {options} -Debug | Sync-GlanceImage -ThrottleLimit 1 -Force -Confirm:$false -Debug");
        var direct = Run(setup, (definitions, tag) =>
            $"{definitions} | Sync-GlanceImage -Cloud oim-p1 -Tag '{tag}' {options} -ThrottleLimit 1 -Force -Confirm:$false -Debug");

        Assert.NotEmpty(piped);
        Assert.Equal(count, piped.Count(r => r == request));
        Assert.True(piped.Order(StringComparer.Ordinal).SequenceEqual(direct.Order(StringComparer.Ordinal)),
            $"{option}: Compare | Sync sent{Environment.NewLine}{string.Join(Environment.NewLine, piped)}{Environment.NewLine}but Sync -Definition sent{Environment.NewLine}{string.Join(Environment.NewLine, direct)}");
    }

    /// <summary>
    /// Sets the state up (not recorded), then runs <paramref name="command"/> over the catalog and returns
    /// its Glance requests as "METHOD path?query" lines, ids and tag replaced.
    /// </summary>
    private List<string> Run(string setup, Func<string, string, string> command)
    {
        var tag = "oim-eq-" + Guid.NewGuid().ToString("N")[..8];
        var work = Directory.CreateTempSubdirectory("oim-hosted-eq-").FullName;
        _runs.Add((tag, work));
        var catalog = Path.Combine(work, "catalog");
        Directory.CreateDirectory(catalog);
        // In the catalog's folder: file: sources are read only below it.
        var image = Path.Combine(catalog, "eq.raw");
        File.WriteAllBytes(image, new byte[1 << 20]);
        var url = new Uri(image).AbsoluteUri;
        var name = "OIM Eq " + tag[^8..];
        // A wrong declared checksum: only -ChecksumPolicy Skip lets the import through, and only if the plan's policy is applied.
        var checksum = setup == "wrong-checksum" ? $"sha256:{new string('0', 64)}" : null;
        var definitions = $"Get-ImageDefinition -Path '{catalog}'";
        switch (setup)
        {
            case "orphan":
                // An image of a definition the recorded run is not given: Orphaned with -IncludeOrphaned.
                WriteDefinition(Path.Combine(work, "other.yml"), name + " Other", multi: false, url, null, "1");
                Setup($"Get-ImageDefinition -Path '{Path.Combine(work, "other.yml")}' | Sync-GlanceImage -Cloud oim-p1 -Tag '{tag}' -Confirm:$false");
                WriteDefinition(Path.Combine(catalog, "eq.yml"), name, multi: false, url, null, "1");
                break;
            case "rotation":
                // Two versions of a multi: true definition exist; rotation with Keep = 1 retires the older one.
                WriteDefinition(Path.Combine(catalog, "eq.yml"), name, multi: true, url, null, "1", "2");
                Setup($"{definitions} | Sync-GlanceImage -Cloud oim-p1 -Tag '{tag}' -Confirm:$false");
                break;
            default:
                WriteDefinition(Path.Combine(catalog, "eq.yml"), name, multi: false, url, checksum, "1", "2");
                break;
        }

        var output = _shell.Run($"& {{ {command(definitions, tag)} }} 5>&1");
        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));
        Assert.DoesNotContain(output, o => o.Properties["Outcome"]?.Value?.ToString() == "Failed");
        return output.Select(o => o.BaseObject).OfType<DebugRecord>()
            .Select(r => s_request.Match(r.Message))
            .Where(m => m.Success && new Uri(m.Groups["url"].Value).AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal))
            .Select(m => $"{m.Groups["method"].Value} {Normalise(new Uri(m.Groups["url"].Value).PathAndQuery, tag)}")
            // The import monitor's looks (a listing by ids) repeat as long as Glance takes.
            .Where(line => !(line.StartsWith("GET /v2/images?", StringComparison.Ordinal) && line.Contains("id=in", StringComparison.Ordinal)))
            .ToList();
    }

    private void Setup(string script)
    {
        _shell.Run(script);
        Assert.True(_shell.Errors.Count == 0, string.Join("\n", _shell.Errors));
    }

    private static string Normalise(string pathAndQuery, string tag) =>
        s_uuid.Replace(pathAndQuery.Replace(tag, "<tag>", StringComparison.Ordinal), "<id>");

    private static void WriteDefinition(string path, string name, bool multi, string url, string? checksum, params string[] versions) =>
        File.WriteAllText(path, DefinitionYaml.File(DefinitionYaml.Image(
            name, multi, versions.Select(v => new DefinitionYaml.Version(v, url, $"2025-01-0{v}", checksum)), DefinitionYaml.Minimal)));
}
