using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// SCS image metadata, version 2 (scs-0102): the checks of its conformance test with its judgement,
/// ids and severities. Mandatory checks fail with Error; the recommended ones (os_hash_algo,
/// hypervisor_type, hw_rng_model, hotfix_hours) and the test's own warnings (min_ram below 64 MiB, an
/// outdated image that is not hidden or renamed, duplicate names) are Warnings.
/// </summary>
/// <remarks>
/// Where the test is lenient, so are we (an absent hw_disk_bus, hypervisor_type, hw_rng_model or
/// uuid_validity passes; provided_until only has to be set): a cloud must pass the test, and a stricter
/// tool would report failures the certification does not see.
/// </remarks>
internal sealed class ScsImageMetadata : IComplianceStandard
{
    public const string StandardName = "scs-0102";

    private const long GiB = 1L << 30;

    public static readonly IReadOnlyList<string> Architectures = ["x86_64", "aarch64", "risc-v"];

    public static readonly IReadOnlyList<string> DiskBuses = ["virtio", "scsi"];

    public static readonly IReadOnlyList<string> HypervisorTypes = ["qemu", "kvm", "xen", "hyper-v", "esxi"];

    public static readonly IReadOnlyList<string> RngModels = ["virtio"];

    public static readonly IReadOnlyList<string> OsPurposes = ["generic", "oldgeneric", "minimal", "k8snode", "gpu", "network", "custom"];

    /// <summary>Seconds per replace_frequency, rounded up a little as the test does; 0: never outdated.</summary>
    public static readonly IReadOnlyDictionary<string, long> ReplaceFrequencies = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["never"] = 0,
        ["critical_bug"] = 0,
        ["yearly"] = 365 * 24 * 3600L,
        ["quarterly"] = 92 * 24 * 3600L,
        ["monthly"] = 31 * 24 * 3600L,
        ["weekly"] = 7 * 25 * 3600L,
        ["daily"] = 25 * 3600L,
    };

    /// <summary>Last words of a name that mark a rotated image (besides a date).</summary>
    private static readonly string[] s_outdatedMarkers = ["old", "prev"];

    public string Name => StandardName;

    public string Title => "SCS image metadata (v2)";

    public IReadOnlyList<string> Checks { get; } =
    [
        Check("prop-architecture"), Check("prop-hash_algo"), Check("prop-min_disk"), Check("prop-min_ram"),
        Check("prop-os_version"), Check("prop-os_distro"), Check("prop-os_purpose"), Check("prop-hw_disk_bus"),
        Check("prop-hypervisor_type"), Check("prop-hw_rng_model"), Check("prop-image_build_date"),
        Check("prop-image_original_user"), Check("prop-image_source"), Check("prop-image_description"),
        Check("prop-replace_frequency"), Check("prop-provided_until"), Check("prop-uuid_validity"),
        Check("prop-hotfix_hours"), Check("image-recency"), Check("os_purpose-uniqueness"),
    ];

    public IReadOnlyList<ComplianceResult> Judge(IReadOnlyList<GlanceImage> images, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(images);
        var findings = new Findings(StandardName);
        foreach (var image in images)
        {
            JudgeProperties(image, now, findings);
        }

        JudgeRecency(images, now, findings);
        JudgeUniqueness(images, findings);
        return findings.Results;
    }

    private static void JudgeProperties(GlanceImage image, DateTimeOffset now, Findings findings)
    {
        var architecture = Property(image, "architecture");
        if (!Architectures.Contains(architecture))
        {
            findings.Error(Check("prop-architecture"), image, $"architecture {Shown(architecture)} is not one of {string.Join(", ", Architectures)}");
        }

        if (image.HashAlgorithm is not ("sha256" or "sha512"))
        {
            findings.Warning(Check("prop-hash_algo"), image, $"os_hash_algo {Shown(image.HashAlgorithm)} is not sha256 or sha512");
        }

        if (image.MinDisk == 0)
        {
            findings.Error(Check("prop-min_disk"), image, "min_disk is not set");
        }
        else if (image.Size is { } size && image.MinDisk * GiB < size)
        {
            findings.Error(Check("prop-min_disk"), image, $"min_disk {image.MinDisk} GiB is smaller than the image ({size} bytes)");
        }

        if (image.MinRam == 0)
        {
            findings.Error(Check("prop-min_ram"), image, "min_ram is not set");
        }
        else if (image.MinRam < 64)
        {
            findings.Warning(Check("prop-min_ram"), image, $"min_ram {image.MinRam} MiB is below 64 MiB");
        }

        RequireValue(image, "os_version", findings);
        RequireValue(image, "os_distro", findings);
        var purpose = Property(image, "os_purpose");
        if (!OsPurposes.Contains(purpose))
        {
            findings.Error(Check("prop-os_purpose"), image, $"os_purpose {Shown(purpose)} is not one of {string.Join(", ", OsPurposes)}");
        }

        AllowedOrAbsent(image, "hw_disk_bus", DiskBuses, ProblemSeverity.Error, findings);
        AllowedOrAbsent(image, "hypervisor_type", HypervisorTypes, ProblemSeverity.Warning, findings);
        AllowedOrAbsent(image, "hw_rng_model", RngModels, ProblemSeverity.Warning, findings);
        JudgeBuildDate(image, now, findings);
        RequireValue(image, "image_original_user", findings);
        var source = Property(image, "image_source");
        if (source != "private" && !IsUrl(source))
        {
            findings.Error(Check("prop-image_source"), image, $"image_source {Shown(source)} is neither an http, https, ftp or ftps URL nor 'private'");
        }

        RequireValue(image, "image_description", findings);
        var frequency = Property(image, "replace_frequency");
        if (frequency is null || !ReplaceFrequencies.ContainsKey(frequency))
        {
            findings.Error(Check("prop-replace_frequency"), image, $"replace_frequency {Shown(frequency)} is not one of {string.Join(", ", ReplaceFrequencies.Keys)}");
        }

        RequireValue(image, "provided_until", findings);
        var validity = Property(image, "uuid_validity");
        if (validity is not (null or "none" or "notice" or "forever") && !IsLastN(validity) && ScsDates.Parse(validity) is null)
        {
            findings.Error(Check("prop-uuid_validity"), image, $"uuid_validity {Shown(validity)} is not none, notice, forever, last-N or a date");
        }

        var hotfix = Property(image, "hotfix_hours");
        if (!string.IsNullOrEmpty(hotfix) && !hotfix.All(char.IsAsciiDigit))
        {
            findings.Warning(Check("prop-hotfix_hours"), image, $"hotfix_hours {Shown(hotfix)} is not a number of hours");
        }
    }

    private static void JudgeBuildDate(GlanceImage image, DateTimeOffset now, Findings findings)
    {
        var text = Property(image, "image_build_date");
        var built = ScsDates.Parse(text);
        var registered = image.CreatedAt;
        if (built is null)
        {
            findings.Error(Check("prop-image_build_date"), image, $"image_build_date {Shown(text)} is not YYYY-MM-DD[ hh:mm[:ss]]");
        }
        else if (registered is null || built > registered)
        {
            findings.Error(Check("prop-image_build_date"), image, $"image_build_date {text} is after the image was created ({registered?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
        }

        if ((built ?? registered) > now)
        {
            findings.Error(Check("prop-image_build_date"), image, $"the build date {(built ?? registered)!.Value:yyyy-MM-dd HH:mm} lies in the future");
        }
    }

    /// <summary>
    /// An image older than 1.1 × its replace_frequency while its provided_until lies ahead needs a
    /// current image under its base name (the name without its last word); an outdated one should be
    /// hidden or carry a marker (a date, <c>old</c>, <c>prev</c>) as its last word.
    /// </summary>
    private static void JudgeRecency(IReadOnlyList<GlanceImage> images, DateTimeOffset now, Findings findings)
    {
        var byName = new Dictionary<string, GlanceImage>(StringComparer.Ordinal);
        foreach (var group in images.GroupBy(i => i.Name, StringComparer.Ordinal))
        {
            byName[group.Key] = group.Last();
            if (group.Count() > 1)
            {
                findings.Warning(Check("image-recency"), group.First(), $"{group.Count()} images share this name: {string.Join(", ", group.Select(i => i.Id))}");
            }
        }

        foreach (var image in images)
        {
            var outdated = Outdated(image, now);
            if (outdated == Staleness.Current)
            {
                continue;
            }

            if (outdated == Staleness.NoValidUntil)
            {
                findings.Error(Check("image-recency"), image, $"outdated, and provided_until {Shown(Property(image, "provided_until"))} is not none, notice or a date");
                continue;
            }

            if (outdated == Staleness.Unmarked)
            {
                findings.Warning(Check("image-recency"), image, "outdated by its replace_frequency but neither hidden nor renamed (a last word such as a build date YYYYMMDD, 'old' or 'prev')");
            }

            if (Replacement(byName, image.Name, now) is null)
            {
                findings.Error(Check("image-recency"), image, $"outdated by its replace_frequency ({Property(image, "replace_frequency")}) and no current image is named '{BaseName(image.Name)}'");
            }
        }
    }

    private enum Staleness
    {
        Current,
        Marked,
        Unmarked,
        NoValidUntil,
    }

    private static Staleness Outdated(GlanceImage image, DateTimeOffset now)
    {
        var built = ScsDates.Parse(Property(image, "image_build_date")) ?? image.CreatedAt ?? DateTimeOffset.MinValue;
        var frequency = Property(image, "replace_frequency") ?? "never";
        if (!ReplaceFrequencies.TryGetValue(frequency, out var seconds) || seconds == 0)
        {
            return Staleness.Current;
        }

        if (now <= built.AddSeconds(1.1 * seconds))
        {
            return Staleness.Current;
        }

        var until = Property(image, "provided_until");
        if (until is "none" or "notice")
        {
            return Staleness.Current;
        }

        if (ScsDates.Parse(until) is not { } untilDate)
        {
            return Staleness.NoValidUntil;
        }

        if (now > untilDate)
        {
            return Staleness.Current;
        }

        if (image.Hidden)
        {
            return Staleness.Marked;
        }

        var split = image.Name.LastIndexOf(' ');
        if (split < 0)
        {
            return Staleness.Unmarked;
        }

        var marker = image.Name[(split + 1)..];
        return s_outdatedMarkers.Contains(marker) || ScsDates.ParseMarker(marker) is not null ? Staleness.Marked : Staleness.Unmarked;
    }

    private static GlanceImage? Replacement(Dictionary<string, GlanceImage> byName, string name, DateTimeOffset now)
    {
        var baseName = BaseName(name);
        if (baseName == name || !byName.TryGetValue(baseName, out var replacement))
        {
            return null;
        }

        return Outdated(replacement, now) == Staleness.Current ? replacement : null;
    }

    /// <summary>The name without its last word (Python's <c>rsplit(" ", 1)[0].rstrip()</c>).</summary>
    internal static string BaseName(string name)
    {
        var split = name.LastIndexOf(' ');
        return split < 0 ? name : name[..split].TrimEnd();
    }

    /// <summary>At most one public, visible image with os_purpose generic per (architecture, os_distro, os_version).</summary>
    private static void JudgeUniqueness(IReadOnlyList<GlanceImage> images, Findings findings)
    {
        var buckets = images
            .Where(i => i.Visibility == "public" && !i.Hidden)
            .Where(i => !string.IsNullOrEmpty(Property(i, "os_distro")) && !string.IsNullOrEmpty(Property(i, "os_version")))
            .Where(i => Property(i, "os_purpose") == "generic")
            .GroupBy(i => (Architecture: Property(i, "architecture") ?? string.Empty, Distro: Property(i, "os_distro")!, Version: Property(i, "os_version")!));
        foreach (var bucket in buckets.Where(b => b.Count() > 1))
        {
            var names = string.Join(", ", bucket.Select(i => $"'{i.Name}'"));
            foreach (var image in bucket)
            {
                findings.Error(Check("os_purpose-uniqueness"), image,
                    $"{bucket.Count()} public generic images for ({bucket.Key.Architecture}, {bucket.Key.Distro}, {bucket.Key.Version}): {names}; hide the older ones or make them oldgeneric");
            }
        }
    }

    private static void RequireValue(GlanceImage image, string key, Findings findings)
    {
        if (string.IsNullOrEmpty(Property(image, key)))
        {
            findings.Error(Check("prop-" + key), image, $"{key} is not set");
        }
    }

    private static void AllowedOrAbsent(GlanceImage image, string key, IReadOnlyList<string> allowed, ProblemSeverity severity, Findings findings)
    {
        var value = Property(image, key);
        if (value is not null && !allowed.Contains(value))
        {
            findings.Add(Check("prop-" + key), severity, image, $"{key} '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    internal static bool IsUrl(string? text)
    {
        var index = text?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return index >= 0 && text![..index] is "http" or "https" or "ftp" or "ftps";
    }

    private static bool IsLastN(string? text) =>
        text is { Length: > 5 } && text.StartsWith("last-", StringComparison.Ordinal) && text[5..].All(char.IsAsciiDigit);

    internal static string? Property(GlanceImage image, string key) => image.Properties.GetValueOrDefault(key);

    internal static string Shown(string? value) => value is null ? "(not set)" : $"'{value}'";

    private static string Check(string name) => $"{StandardName}-{name}";
}
