using BenchmarkDotNet.Attributes;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Benchmarks;

/// <summary>
/// Compare-GlanceImage without the cloud: index an inventory of 20,000 managed images and plan 2,000
/// definitions (ten versions each) against it. 90 % of the images are up to date, 5 % drifted (a
/// property and the visibility), 5 % of the versions are missing (creates) and 1,000 images belong to
/// definitions not given (the filtered run case). No HTTP: capabilities are given.
/// </summary>
[MemoryDiagnoser]
public class SyncPlanBenchmark
{
    private const int Definitions = 2_000;
    private const int VersionsPerDefinition = 10;
    private const string Tag = "managed_by_osism";

    private static readonly OpenStackSession Session = new(Guid.NewGuid(), "bench") { Region = "RegionOne", ProjectId = "p" };
    private static readonly ImportCapabilities Capabilities = new(["glance-direct", "web-download"], "sha512");

    private ImageDefinition[] _definitions = [];
    private GlanceImage[] _images = [];

    [GlobalSetup]
    public void Setup()
    {
        _definitions = Enumerable.Range(0, Definitions).Select(Definition).ToArray();
        var images = new List<GlanceImage>(Definitions * VersionsPerDefinition);
        var n = 0;
        foreach (var definition in _definitions)
        {
            foreach (var version in definition.Versions)
            {
                n++;
                if (n % 20 == 0)
                {
                    continue; // missing: a create
                }

                var image = Synced(definition, version, n);
                images.Add(n % 20 == 1 ? Drifted(image) : image);
            }
        }

        // Images of definitions this run was not given.
        var others = Enumerable.Range(Definitions, 100).Select(Definition).ToArray();
        images.AddRange(others.SelectMany(d => d.Versions.Select(v => Synced(d, v, ++n))));
        _images = images.ToArray();
    }

    [Benchmark(Description = "plan 2,000 definitions / 20,000 versions against 20,000 images")]
    public int Plan()
    {
        var context = new PlanContext
        {
            Session = Session,
            Definitions = _definitions,
            Inventory = new ImageInventory(_images, _definitions),
            Options = new PlanOptions { ManagedTag = Tag },
            Capabilities = _ => Task.FromResult(Capabilities),
            Latest = (_, _) => throw new InvalidOperationException("no latest versions in this benchmark"),
        };
        return new SyncPlanner().PlanAsync(context, CancellationToken.None).GetAwaiter().GetResult().Count;
    }

    private static ImageDefinition Definition(int i)
    {
        var name = $"Distribution {i:D4}";
        return new ImageDefinition
        {
            Name = name,
            Format = "qcow2",
            Login = "ubuntu",
            MinDisk = 8,
            MinRam = 512,
            Status = "active",
            Visibility = "public",
            Meta = new Dictionary<string, string>
            {
                ["architecture"] = "x86_64", ["hw_disk_bus"] = "scsi", ["hypervisor_type"] = "qemu", ["os_distro"] = "ubuntu",
                ["os_purpose"] = "generic", ["replace_frequency"] = "quarterly", ["uuid_validity"] = "last-3", ["provided_until"] = "none",
            },
            Versions = Enumerable.Range(0, VersionsPerDefinition).Select(v => new ImageVersion
            {
                DefinitionName = name,
                Version = $"2024{v + 1:D2}01",
                Url = $"https://images.example.com/{i}/2024{v + 1:D2}01/disk.qcow2",
                Checksum = new ImageChecksum("sha256", new string((char)('a' + (v % 6)), 64)),
                BuildDate = new DateOnly(2024, v + 1, 1),
                GlanceName = $"{name} 2024{v + 1:D2}01",
            }).ToArray(),
            SourceFile = "bench.yml",
        };
    }

    private static GlanceImage Synced(ImageDefinition definition, ImageVersion version, int n)
    {
        var desired = DesiredImage.For(definition, version, Tag, null);
        return new GlanceImage
        {
            Id = $"00000000-0000-0000-0000-{n:D12}",
            Name = desired.Name,
            Status = "active",
            Visibility = desired.Visibility,
            Tags = desired.Tags,
            Properties = new Dictionary<string, string>(desired.Properties, StringComparer.Ordinal)
            {
                ["os_hash_algo"] = "sha512",
                ["os_hash_value"] = new string('0', 128),
                ["stores"] = "file",
            },
            Size = 600L << 20,
            MinDisk = desired.MinDiskFor(600L << 20),
            MinRam = desired.MinRam,
            Owner = "p",
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(n),
        };
    }

    private static GlanceImage Drifted(GlanceImage image) => image with
    {
        Visibility = "private",
        Properties = new Dictionary<string, string>(image.Properties, StringComparer.Ordinal) { ["hw_disk_bus"] = "virtio" },
    };
}
