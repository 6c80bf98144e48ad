using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Sync;

/// <summary>Writes small definition files for a test and loads them with the real loader.</summary>
internal static class Definitions
{
    public sealed record Version(string Label, string Url, string? Checksum = null, string? MirrorUrl = null, string? Id = null);

    public static ImageDefinition One(SyncCloud cloud, string name, string format, bool multi, params Version[] versions) =>
        Load(cloud, Yaml(name, format, multi, "private", versions));

    public static string Yaml(string name, string format, bool multi, string visibility, Version[] versions, string extraMeta = "", string tags = "[]")
    {
        var text = $"""
            images:
              - name: {name}
                enable: true
                format: {format}
                login: tester
                min_disk: 1
                min_ram: 64
                status: active
                visibility: {visibility}
                multi: {(multi ? "true" : "false")}
                meta:
                  architecture: x86_64
                  hw_disk_bus: scsi
                  hypervisor_type: qemu
                  os_distro: cirros
                  os_purpose: minimal
                  replace_frequency: never
                  uuid_validity: none
                  provided_until: none
            {extraMeta}
                tags: {tags}
                versions:

            """;
        foreach (var v in versions)
        {
            text += $"      - version: '{v.Label}'\n        url: {v.Url}\n        build_date: 2024-01-02\n";
            if (v.Checksum is not null)
            {
                text += $"        checksum: \"sha256:{v.Checksum}\"\n";
            }

            if (v.MirrorUrl is not null)
            {
                text += $"        mirror_url: {v.MirrorUrl}\n";
            }

            if (v.Id is not null)
            {
                text += $"        id: {v.Id}\n";
            }
        }

        return text;
    }

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
