using System.Globalization;
using System.Text;

namespace OpenStackImageManager.Engine.Tests;

/// <summary>Writes valid definition files for tests; every argument is one thing a test varies.</summary>
internal static class DefinitionYaml
{
    public static string Image(string name, bool multi, IEnumerable<string> versions, string? separator = null, bool enable = true, string? checksum = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
              - name: {name}
                enable: {(enable ? "true" : "false")}
                format: qcow2
                login: ubuntu
                min_disk: 8
                min_ram: 512
                status: active
                visibility: public
                multi: {(multi ? "true" : "false")}

            """);
        if (separator is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    separator: '{separator}'\n");
        }

        text.Append("""
                meta:
                  architecture: x86_64
                  hw_disk_bus: scsi
                  hypervisor_type: qemu
                  os_distro: ubuntu
                  os_purpose: generic
                  replace_frequency: quarterly
                  uuid_validity: last-3
                  provided_until: none
                tags: []
                versions:

            """);
        foreach (var version in versions)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                      - version: '{version}'
                        url: https://example.com/{Uri.EscapeDataString(name)}/{version}.img
                        build_date: 2024-06-03

                """);
            if (checksum is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        checksum: '{checksum}'\n");
            }

            if (version == "latest")
            {
                text.Append("        checksums_url: https://example.com/SHA256SUMS\n");
            }
        }

        return text.ToString();
    }

    public static string File(params string[] images) => "---\nimages:\n" + string.Concat(images);

    /// <summary>Writes <paramref name="content"/> to a new file in a fresh temporary directory.</summary>
    public static string WriteTemp(string content, string fileName = "images.yml")
    {
        var directory = Directory.CreateTempSubdirectory("osim-tests-").FullName;
        var path = Path.Combine(directory, fileName);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
