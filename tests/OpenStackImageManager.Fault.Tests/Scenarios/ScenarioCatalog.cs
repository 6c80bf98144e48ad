using System.Security.Cryptography;
using OpenStackImageManager.Fault.Tests.Upstream;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>One version of a catalog image: its bytes (served by the upstream fault server) and digests.</summary>
public sealed record CatalogVersion(string Label, string Url, string BuildDate, byte[] Bytes)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public string Sha512 { get; } = Convert.ToHexStringLower(SHA512.HashData(Bytes));
}

/// <summary>One definition of a scenario's catalog; <see cref="Multi"/> definitions rotate (newest is the bare name).</summary>
public sealed class CatalogDefinition(string name, bool multi, string visibility)
{
    public string Name { get; } = name;

    public bool Multi { get; } = multi;

    public string Visibility { get; } = visibility;

    public List<CatalogVersion> Versions { get; } = [];

    /// <summary>The Glance name of a version, as the Python tool names it (the versions sort as written: oldest first).</summary>
    public string NameOf(CatalogVersion version) =>
        !Multi ? $"{Name} {version.Label}" : version == Versions[^1] ? Name : $"{Name} ({version.Label})";
}

/// <summary>
/// A scenario's catalog: definitions written as YAML into their own directory, with a managed tag of
/// their own so the scenario sees only its images. What the state check expects is read from here.
/// </summary>
public sealed class ScenarioCatalog
{
    private readonly UpstreamFaultServer _upstream;
    private readonly Random _bytes;

    public ScenarioCatalog(string id, string work, UpstreamFaultServer upstream, int seed)
    {
        Id = id;
        Tag = $"oim-fault-{id}";
        Directory = Path.Combine(work, id, "images");
        System.IO.Directory.CreateDirectory(Directory);
        _upstream = upstream;
        _bytes = new Random(seed);
    }

    public string Id { get; }

    public string Tag { get; }

    public string Directory { get; }

    public List<CatalogDefinition> Definitions { get; } = [];

    /// <summary>The meta key every definition carries, so properties are checked beyond the automatic ones.</summary>
    public const string CaseKey = "fault_case";

    public CatalogDefinition Define(string purpose, bool multi, string visibility)
    {
        var definition = new CatalogDefinition($"Fault {purpose} {Id}", multi, visibility);
        Definitions.Add(definition);
        return definition;
    }

    /// <summary>Adds a version whose bytes (a small raw image, different for every version) the upstream serves under <paramref name="fault"/>.</summary>
    public CatalogVersion AddVersion(CatalogDefinition definition, string label, UpstreamFault fault = UpstreamFault.None, int kilobytes = 256)
    {
        var bytes = new byte[kilobytes * 1024];
        lock (_bytes)
        {
            _bytes.NextBytes(bytes.AsSpan(0, Math.Min(bytes.Length, 16 * 1024)));
        }

        var file = $"{Id}-{definition.Versions.Count + Definitions.IndexOf(definition) * 100}-{label}.raw";
        var version = new CatalogVersion(label, _upstream.Add(file, bytes, fault), $"2026-11-{1 + definition.Versions.Count:00}", bytes);
        definition.Versions.Add(version);
        return version;
    }

    /// <summary>Writes the definitions as one YAML file (replacing what was there).</summary>
    public void Write()
    {
        var yaml = DefinitionYaml.File([.. Definitions.Select(d => DefinitionYaml.Image(
            d.Name,
            d.Multi,
            d.Versions.Select(v => new DefinitionYaml.Version(v.Label, v.Url, v.BuildDate, "sha256:" + v.Sha256)),
            DefinitionYaml.Minimal with
            {
                Visibility = d.Visibility,
                UuidValidity = "last-3",
                ReplaceFrequency = "monthly",
                ExtraMeta = $"      {CaseKey}: '{Id}'\n",
            }))]);
        File.WriteAllText(Path.Combine(Directory, "images.yml"), yaml);
    }

    /// <summary>The tool's arguments for this catalog on <paramref name="cloud"/>.</summary>
    public string[] Arguments(string cloud, params string[] extra) =>
        ["--cloud", cloud, "--images", Directory, "--tag", Tag, "--prefetch", "always", "--import-timeout", "170", .. extra];
}
