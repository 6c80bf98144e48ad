using System.Globalization;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// What one version's Glance image must look like: the Python tool's automatic properties plus
/// <c>meta</c> (its <c>set_properties</c>, with its quirks fixed: strings as Glance expects, every run,
/// removal of what we set before), tags, min_disk, min_ram, visibility, os_hidden and status.
/// </summary>
internal sealed class DesiredImage
{
    public const string ImageName = "image_name";
    public const string ImageDescription = "image_description";
    public const string InternalVersion = "internal_version";
    public const string UpstreamChecksum = "upstream_checksum";

    /// <summary>Comma-joined property keys this tool set; what it may remove when the YAML drops one.</summary>
    public const string ManagedKeys = "oim_managed_properties";

    /// <summary>Comma-joined tags this tool set; what it may remove.</summary>
    public const string ManagedTagsKey = "oim_managed_tags";

    /// <summary>Set by rotation on images it retired; sync then leaves visibility, os_hidden and status to rotation.</summary>
    public const string RetiredKey = "oim_retired";

    /// <summary>
    /// Set by rotation on an older image it made <c>os_purpose: oldgeneric</c> (and renamed): sync then
    /// leaves that image's name and os_purpose to rotation, so the two never undo each other.
    /// </summary>
    public const string OldGenericKey = "oim_oldgeneric";

    /// <summary>
    /// The pending marker: set (to the creating run's <see cref="SyncRun.RunId"/>) in the create request of
    /// every new image and removed by the one PATCH after its bytes are verified. An image carrying it
    /// holds bytes nobody verified: it is never adopted as a version's image and is cleanup material.
    /// </summary>
    public const string PendingKey = "oim_pending";

    /// <summary>Whether <paramref name="image"/> carries the pending marker: its bytes were never verified.</summary>
    internal static bool IsPending(GlanceImage image) => image.Properties.ContainsKey(PendingKey);

    /// <summary>
    /// Whether <paramref name="image"/> is finished: its import ended (active or deactivated) and its bytes
    /// were verified (no pending marker). Only a finished image is a version's image; named by a Create
    /// item, it is the current image a re-import replaces (kept until the new one is verified), while any
    /// other is half-made and cleaned up first.
    /// </summary>
    internal static bool IsFinished(GlanceImage image) => ImageInventory.IsUsable(image) && !IsPending(image);

    private const long GiB = 1L << 30;

    private DesiredImage(string name, IReadOnlyDictionary<string, string> properties, IReadOnlyList<string> tags, int minDisk, int minRam, string visibility, bool? hidden, string status)
    {
        Name = name;
        Properties = properties;
        Tags = tags;
        MinDisk = minDisk;
        MinRam = minRam;
        Visibility = visibility;
        Hidden = hidden;
        Status = status;
    }

    public string Name { get; }

    /// <summary>Every property we own, including the bookkeeping key <see cref="ManagedKeys"/>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>At least the definition's min_disk; raised to the image's size in GiB by <see cref="MinDiskFor(long?)"/>.</summary>
    public int MinDisk { get; }

    public int MinRam { get; }

    public string Visibility { get; }

    /// <summary>Null: the YAML does not say; os_hidden is left as it is.</summary>
    public bool? Hidden { get; }

    /// <summary>active or deactivated.</summary>
    public string Status { get; }

    /// <summary>The definition's link property: meta.image_description, else the definition name (Python rule).</summary>
    public static string DescriptionOf(ImageDefinition definition) =>
        definition.Meta.TryGetValue(ImageDescription, out var description) ? description : definition.Name;

    /// <summary>
    /// The desired state of <paramref name="version"/>. For <c>latest</c> the upstream digest and
    /// internal_version come from <paramref name="latest"/> (a new import) or stay as the image has them.
    /// </summary>
    public static DesiredImage For(ImageDefinition definition, ImageVersion version, string managedTag, GlanceImage? existing, LatestInfo? latest = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(version);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in definition.Meta)
        {
            properties[key] = value;
        }

        properties[InternalVersion] = version.Version;
        properties["image_original_user"] = definition.Login;
        properties["os_version"] = definition.Multi
            ? version.OsVersion ?? (definition.Meta.TryGetValue("os_version", out var osVersion) ? osVersion : version.Version)
            : version.Version;
        // A file: url is no place to download from: there the catalog's meta.image_source (a URL or
        // 'private', as image metadata standards ask) wins over the Python tool's 'file:<name>'.
        properties["image_source"] = IsFile(version.Url) && definition.Meta.TryGetValue("image_source", out var declared)
            ? declared
            : SourceOf(version.Url);
        properties["image_build_date"] = version.BuildDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (version.Checksum is { } checksum)
        {
            properties[UpstreamChecksum] = checksum.Value;
        }

        if (version.IsLatest)
        {
            var current = existing?.Properties;
            if ((latest?.Digest ?? current?.GetValueOrDefault(UpstreamChecksum)) is { } digest)
            {
                properties[UpstreamChecksum] = digest;
            }

            properties[InternalVersion] = latest?.InternalVersion ?? current?.GetValueOrDefault(InternalVersion) ?? "latest";
        }

        foreach (var (key, value) in version.Meta)
        {
            properties[key] = value;
        }

        // Identity is derived, never taken from meta (the loader refuses these keys; a hand-made definition
        // may still carry them): a meta value would let two definitions or versions claim one image.
        properties[ImageName] = definition.Name;
        properties[ImageDescription] = DescriptionOf(definition);
        properties[InternalVersion] = version.IsLatest
            ? latest?.InternalVersion ?? existing?.Properties.GetValueOrDefault(InternalVersion) ?? "latest"
            : version.Version;

        properties[ManagedKeys] = string.Join(',', properties.Keys.Append(ManagedKeys).Append(ManagedTagsKey).Order(StringComparer.Ordinal));
        var tags = definition.Tags.Append(managedTag)
            .Concat(definition.Meta.TryGetValue("os_distro", out var distro) ? [$"os:{distro}"] : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        properties[ManagedTagsKey] = string.Join(',', tags);
        return new DesiredImage(
            version.GlanceName,
            properties,
            tags,
            definition.MinDisk,
            definition.MinRam,
            (version.Visibility ?? definition.Visibility).ToLowerInvariant(),
            version.Hidden,
            definition.Status.ToLowerInvariant());
    }

    /// <summary>The whole desired state as a new image's target (min_disk as the definition says; the import raises it to the stored size).</summary>
    public ImageTarget ToTarget() => new()
    {
        Name = Name,
        Properties = Properties,
        Tags = Tags,
        MinDisk = MinDisk,
        MinRam = MinRam,
        Visibility = Visibility,
        Hidden = Hidden,
        Status = Status,
    };

    /// <summary>
    /// This state, but with <c>upstream_checksum</c> and <c>image_source</c> as <paramref name="image"/> has
    /// them: they describe the bytes the image holds, so they change only with its bytes (a changed
    /// checksum the plan did not re-import, <see cref="ChecksumChange"/>).
    /// </summary>
    internal DesiredImage Describing(GlanceImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal);
        foreach (var key in new[] { UpstreamChecksum, "image_source" })
        {
            if (image.Properties.TryGetValue(key, out var value))
            {
                properties[key] = value;
            }
            else
            {
                properties.Remove(key);
            }
        }

        return new DesiredImage(Name, properties, Tags, MinDisk, MinRam, Visibility, Hidden, Status);
    }

    /// <summary>min_disk for an image of <paramref name="size"/> bytes (after Glance's conversion): never below the size in GiB.</summary>
    public int MinDiskFor(long? size) => MinDiskFor(MinDisk, size);

    /// <summary>The rule itself: <paramref name="minDisk"/>, raised to the size in GiB of <paramref name="size"/> bytes.</summary>
    public static int MinDiskFor(int minDisk, long? size) =>
        size is > 0 and { } bytes ? Math.Max(minDisk, (int)((bytes + GiB - 1) / GiB)) : minDisk;

    /// <summary><c>image_source</c>: the URL, or for <c>file:</c> only the file name (Python rule).</summary>
    internal static string SourceOf(string url) =>
        IsFile(url) ? "file:" + Path.GetFileName(url) : url;

    private static bool IsFile(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What an upstream <c>latest</c> check found: the digest and the internal_version a new import gets.</summary>
public sealed record LatestInfo(string Digest, string InternalVersion);
