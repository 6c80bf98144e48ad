using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Benchmarks;

/// <summary>
/// Load and validate 5,000 generated definitions (each like an entry of the OSISM catalog, with
/// three versions), spread over 50 files as a large catalog would be, or all in one file.
/// </summary>
[MemoryDiagnoser]
public class DefinitionLoadBenchmark
{
    private const int Definitions = 5_000;
    private static readonly string Zeros = new('0', 48);
    private string _directory = string.Empty;
    private string _singleFile = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("osim-bench-").FullName;
        var filesDirectory = Directory.CreateDirectory(Path.Combine(_directory, "files")).FullName;
        const int files = 50;
        for (var f = 0; f < files; f++)
        {
            File.WriteAllText(Path.Combine(filesDirectory, $"catalog-{f:D2}.yml"),
                Catalog(Enumerable.Range(f * (Definitions / files), Definitions / files)));
        }

        _singleFile = Path.Combine(_directory, "all.yml");
        File.WriteAllText(_singleFile, Catalog(Enumerable.Range(0, Definitions)));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "5,000 definitions in 50 files")]
    public int FiftyFiles() => Load(Path.Combine(_directory, "files"));

    [Benchmark(Description = "5,000 definitions in one file")]
    public int OneFile() => Load(_singleFile);

    private static int Load(string path)
    {
        var result = DefinitionLoader.Load([path], strict: true, NullOperationLog.Instance, CancellationToken.None);
        if (result.Definitions.Count != Definitions || result.Problems.Count != 0)
        {
            throw new InvalidOperationException($"expected {Definitions} clean definitions, got {result.Definitions.Count} and {result.Problems.Count} problems");
        }

        return result.Definitions.Count;
    }

    private static string Catalog(IEnumerable<int> numbers)
    {
        var text = new StringBuilder("---\nimages:\n");
        foreach (var n in numbers)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                  - name: Distro {n}
                    enable: {(n % 3 == 0 ? "true" : "false")}
                    shortname: distro-{n}
                    format: qcow2
                    login: admin
                    min_disk: 8
                    min_ram: 512
                    status: active
                    visibility: public
                    multi: {(n % 2 == 0 ? "true" : "false")}
                    meta:
                      architecture: x86_64
                      hw_disk_bus: scsi
                      hw_rng_model: virtio
                      hw_scsi_model: virtio-scsi
                      hw_watchdog_action: reset
                      hypervisor_type: qemu
                      os_distro: ubuntu
                      os_version: '{n}'
                      os_purpose: generic
                      replace_frequency: quarterly
                      uuid_validity: last-3
                      provided_until: none
                    tags: []
                    latest_checksum_url: https://example.com/distro-{n}/SHA256SUMS
                    latest_url: https://example.com/distro-{n}/current/disk.img
                    versions:

                """);
            for (var v = 1; v <= 3; v++)
            {
                text.Append(CultureInfo.InvariantCulture, $"""
                          - version: '2026010{v}'
                            url: https://example.com/distro-{n}/2026010{v}/disk.img
                            mirror_url: https://mirror.example.com/distro-{n}/2026010{v}-distro-{n}.qcow2
                            checksum: sha256:{n:x8}{v:x8}{Zeros}
                            build_date: 2026-01-0{v}

                    """);
            }
        }

        return text.ToString();
    }
}
