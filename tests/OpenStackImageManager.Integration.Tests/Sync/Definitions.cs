using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>Writes small definition files for a test (with <see cref="DefinitionYaml"/>) and loads them with the real loader.</summary>
internal static class Definitions
{
    public sealed record Version(string Label, string Url, string? Checksum = null, string? MirrorUrl = null, string? Id = null);

    public static ImageDefinition One(SyncCloud cloud, string name, string format, bool multi, params Version[] versions) =>
        Load(cloud, Yaml(name, format, multi, "private", versions));

    /// <summary>
    /// A one-version definition of a new test image file <paramref name="fileName"/> (written to the test's
    /// folder, which the test's upstream server serves), with its sha256 declared.
    /// </summary>
    public static ImageDefinition Served(SyncCloud cloud, string name, string fileName, string format, string label = "1")
    {
        var file = TestImages.CreateFile(cloud.Work, fileName, format);
        return One(cloud, name, format, false, new Version(label, cloud.Server.Url(fileName), TestImages.Sha256(file)));
    }

    /// <summary>A file of one <see cref="DefinitionYaml.Minimal"/> image; checksums are sha256 hex.</summary>
    public static string Yaml(string name, string format, bool multi, string visibility, Version[] versions, string extraMeta = "", string tags = "[]") =>
        DefinitionYaml.File(DefinitionYaml.Image(
            name,
            multi,
            versions.Select(v => new DefinitionYaml.Version(v.Label, v.Url, "2024-01-02", v.Checksum is null ? null : "sha256:" + v.Checksum, v.MirrorUrl, v.Id)),
            DefinitionYaml.Minimal with { Format = format, Visibility = visibility, ExtraMeta = extraMeta, Tags = tags }));

    public static ImageDefinition Load(SyncCloud cloud, string yaml) => LoadAll(cloud, yaml).Single();

    public static IReadOnlyList<ImageDefinition> LoadAll(SyncCloud cloud, string yaml)
    {
        var file = Path.Combine(cloud.Work, Guid.NewGuid().ToString("N") + ".yml");
        File.WriteAllText(file, yaml);
        var result = DefinitionLoader.Load([file], false, NullOperationLog.Instance, CancellationToken.None);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Problems));
        return result.Definitions;
    }
}
