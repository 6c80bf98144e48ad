using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>Definitions, versions and Glance images built in memory, each argument one thing a test varies.</summary>
internal static class SyncSamples
{
    public const string Tag = "managed_by_test";

    public static readonly OpenStackSession Session = new(Guid.NewGuid(), "unit") { Region = "RegionOne", ProjectId = "p1" };

    public static ImageVersion Version(string definition, string version, bool multi = false, string? url = null, string? checksum = null, string? osVersion = null) => new()
    {
        DefinitionName = definition,
        Version = version,
        Url = url ?? $"https://example.com/{definition}/{version}.qcow2",
        Checksum = checksum is null ? null : new ImageChecksum("sha256", checksum),
        ChecksumsUrl = version == "latest" ? "https://example.com/SHA256SUMS" : null,
        BuildDate = new DateOnly(2024, 6, 3),
        OsVersion = osVersion,
        GlanceName = multi ? $"{definition} ({version})" : $"{definition} {version}",
    };

    public static ImageDefinition Definition(string name, bool multi = false, IReadOnlyDictionary<string, string>? meta = null, int minDisk = 1, params string[] versions) => new()
    {
        Name = name,
        Format = "qcow2",
        Login = "ubuntu",
        MinDisk = minDisk,
        MinRam = 512,
        Multi = multi,
        Status = "active",
        Visibility = "public",
        Meta = meta ?? new Dictionary<string, string> { ["os_distro"] = "ubuntu", ["architecture"] = "x86_64" },
        Versions = versions.Select(v => Version(name, v, multi)).ToArray(),
        SourceFile = "unit.yml",
    };

    /// <summary>The image the sync would leave for <paramref name="version"/>: every property as desired, active, public.</summary>
    /// <summary><paramref name="definition"/> with other versions or another format (the model has no <c>with</c>: it is a class).</summary>
    public static ImageDefinition Copy(ImageDefinition definition, IReadOnlyList<ImageVersion>? versions = null, string? format = null) => new()
    {
        Name = definition.Name,
        Enable = definition.Enable,
        Format = format ?? definition.Format,
        Login = definition.Login,
        Password = definition.Password,
        MinDisk = definition.MinDisk,
        MinRam = definition.MinRam,
        Multi = definition.Multi,
        Keep = definition.Keep,
        Status = definition.Status,
        Visibility = definition.Visibility,
        Separator = definition.Separator,
        ShortName = definition.ShortName,
        LatestUrl = definition.LatestUrl,
        LatestChecksumUrl = definition.LatestChecksumUrl,
        Meta = definition.Meta,
        Tags = definition.Tags,
        Versions = versions ?? definition.Versions,
        SourceFile = definition.SourceFile,
        SourceLine = definition.SourceLine,
    };

    public static GlanceImage Synced(ImageDefinition definition, ImageVersion version, string? id = null, long size = 1 << 20)
    {
        var desired = DesiredImage.For(definition, version, Tag, null);
        return new GlanceImage
        {
            Id = id ?? Guid.NewGuid().ToString(),
            Name = desired.Name,
            Status = "active",
            Visibility = desired.Visibility,
            Tags = desired.Tags,
            Properties = new Dictionary<string, string>(desired.Properties, StringComparer.Ordinal),
            Size = size,
            MinDisk = desired.MinDiskFor(size),
            MinRam = desired.MinRam,
            Owner = "p1",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
    }

    public static GlanceImage Image(string name, IReadOnlyDictionary<string, string>? properties = null, string status = "active") => new()
    {
        Id = Guid.NewGuid().ToString(),
        Name = name,
        Status = status,
        Visibility = "public",
        Tags = [Tag],
        Properties = properties ?? new Dictionary<string, string>(StringComparer.Ordinal),
        Owner = "p1",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    public static GlanceImage With(this GlanceImage image, string key, string? value)
    {
        var properties = new Dictionary<string, string>(image.Properties, StringComparer.Ordinal);
        if (value is null)
        {
            properties.Remove(key);
        }
        else
        {
            properties[key] = value;
        }

        return image with { Properties = properties };
    }

    /// <summary>The sync planner's items for <paramref name="definitions"/> against <paramref name="images"/>; no cloud.</summary>
    public static IReadOnlyList<ImageChange> Plan(IReadOnlyList<ImageDefinition> definitions, IEnumerable<GlanceImage> images, PlanOptions? options = null, LatestInfo? latest = null) =>
        new SyncPlanner().PlanAsync(Context(definitions, images, options, latest), CancellationToken.None).GetAwaiter().GetResult();

    public static PlanContext Context(IReadOnlyList<ImageDefinition> definitions, IEnumerable<GlanceImage> images, PlanOptions? options = null, LatestInfo? latest = null) => new()
    {
        Session = Session,
        Definitions = definitions,
        Inventory = new ImageInventory(images, definitions),
        Options = options ?? new PlanOptions { ManagedTag = Tag },
        Capabilities = _ => Task.FromResult(new ImportCapabilities(["glance-direct", "web-download"], "sha512")),
        Latest = (_, _) => Task.FromResult(latest ?? throw new InvalidOperationException("no latest digest given")),
    };
}
