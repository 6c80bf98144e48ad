using System.Globalization;
using System.Text;

namespace OpenStackImageManager.TestSupport;

/// <summary>
/// The one writer of definition YAML for tests: valid definitions where every argument is one thing a test
/// varies. The defaults describe an Ubuntu-like public image; <see cref="Minimal"/> a private raw cirros for
/// tests against a cloud.
/// </summary>
public static class DefinitionYaml
{
    /// <summary>One version: its label, url (default: https://example.com/&lt;name&gt;/&lt;label&gt;.img) and optional keys.</summary>
    public sealed record Version(string Label, string? Url = null, string BuildDate = "2024-06-03", string? Checksum = null, string? MirrorUrl = null, string? Id = null, string? ChecksumsUrl = null);

    /// <summary>The image keys a test may vary, with the defaults of a public generic image.</summary>
    public sealed record Settings
    {
        public string Format { get; init; } = "qcow2";

        public string Login { get; init; } = "ubuntu";

        public int MinDisk { get; init; } = 8;

        public int MinRam { get; init; } = 512;

        public string Visibility { get; init; } = "public";

        public bool Enable { get; init; } = true;

        public string? Separator { get; init; }

        public string OsDistro { get; init; } = "ubuntu";

        public string OsPurpose { get; init; } = "generic";

        public string ReplaceFrequency { get; init; } = "quarterly";

        public string UuidValidity { get; init; } = "last-3";

        /// <summary>More meta lines, each indented by six spaces and ending with a newline.</summary>
        public string ExtraMeta { get; init; } = "";

        public string Tags { get; init; } = "[]";
    }

    /// <summary>A private raw cirros with tiny minimums and no rotation: what tests against a cloud import.</summary>
    public static Settings Minimal { get; } = new()
    {
        Format = "raw", Login = "tester", MinDisk = 1, MinRam = 64, Visibility = "private",
        OsDistro = "cirros", OsPurpose = "minimal", ReplaceFrequency = "never", UuidValidity = "none",
    };

    public static string Image(string name, bool multi, IEnumerable<string> versions, string? separator = null, bool enable = true, string? checksum = null) =>
        Image(name, multi, versions.Select(v => new Version(v, Checksum: checksum, ChecksumsUrl: v == "latest" ? "https://example.com/SHA256SUMS" : null)), new Settings { Separator = separator, Enable = enable });

    public static string Image(string name, bool multi, IEnumerable<Version> versions, Settings? settings = null)
    {
        var s = settings ?? new Settings();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
              - name: {name}
                enable: {(s.Enable ? "true" : "false")}
                format: {s.Format}
                login: {s.Login}
                min_disk: {s.MinDisk}
                min_ram: {s.MinRam}
                status: active
                visibility: {s.Visibility}
                multi: {(multi ? "true" : "false")}

            """);
        if (s.Separator is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    separator: '{s.Separator}'\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"""
                meta:
                  architecture: x86_64
                  hw_disk_bus: scsi
                  hypervisor_type: qemu
                  os_distro: {s.OsDistro}
                  os_purpose: {s.OsPurpose}
                  replace_frequency: {s.ReplaceFrequency}
                  uuid_validity: {s.UuidValidity}
                  provided_until: none

            """);
        text.Append(s.ExtraMeta);
        text.Append(CultureInfo.InvariantCulture, $"    tags: {s.Tags}\n    versions:\n");
        foreach (var version in versions)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                      - version: '{version.Label}'
                        url: {version.Url ?? $"https://example.com/{Uri.EscapeDataString(name)}/{version.Label}.img"}
                        build_date: {version.BuildDate}

                """);
            if (version.Checksum is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        checksum: '{version.Checksum}'\n");
            }

            if (version.MirrorUrl is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        mirror_url: {version.MirrorUrl}\n");
            }

            if (version.Id is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        id: {version.Id}\n");
            }

            if (version.ChecksumsUrl is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        checksums_url: {version.ChecksumsUrl}\n");
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
