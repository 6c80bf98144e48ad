namespace OpenStackImageManager.Engine.Definitions;

/// <summary>What a known <c>meta</c> key may hold.</summary>
internal enum MetaValueKind
{
    Enum,
    String,
    Bool,
    NonNegativeInt,
    NoneOrDate,
    UuidValidity,
}

internal sealed record MetaRule(string Key, MetaValueKind Kind, bool Required, bool Nullable = false, params string[] Allowed);

/// <summary>
/// The <c>meta</c> keys of the Python schema with their rules. Unlike the Python tool, other keys are
/// allowed: they are ordinary image properties (the strict schema kept users from setting properties
/// Nova and Glance understand). Keys Glance owns and keys this tool derives itself are refused, in
/// any case: Glance stores property keys case-insensitively, so <c>OWNER</c> or <c>Image_Name</c>
/// would collide with the real key on every run.
/// </summary>
internal static class MetaSchema
{
    public static readonly IReadOnlyList<MetaRule> Rules =
    [
        new("architecture", MetaValueKind.Enum, true, false, "x86_64", "aarch64", "risc-v"),
        new("hotfix_hours", MetaValueKind.NonNegativeInt, false),
        new("hw_disk_bus", MetaValueKind.Enum, true, true, "virtio", "scsi"),
        new("hw_firmware_type", MetaValueKind.Enum, false, true, "uefi"),
        new("hw_machine_type", MetaValueKind.Enum, false, true, "pc", "q35", "virt"),
        new("hw_rng_model", MetaValueKind.Enum, false, true, "virtio"),
        new("hw_scsi_model", MetaValueKind.Enum, false, false, "virtio-scsi"),
        new("hw_vif_multiqueue_enabled", MetaValueKind.Bool, false),
        new("hw_watchdog_action", MetaValueKind.Enum, false, false, "disabled", "reset", "poweroff", "pause", "none"),
        // The Python schema's values, then the ones image metadata standards (SCS) name: kvm, hyper-v, esxi.
        // Required by the Python schema but missing from its own getting-started definition: absent
        // means no property (Nova's default), noted under -Strict (SchemaDefaulted).
        new("hypervisor_type", MetaValueKind.Enum, false, false, "hyperv", "ironic", "lxc", "qemu", "uml", "vmware", "xen", "kvm", "hyper-v", "esxi"),
        new("image_description", MetaValueKind.String, false),
        new("os_distro", MetaValueKind.Enum, true, false,
            "arch", "centos", "cirros", "debian", "fedora", "freebsd", "gentoo", "mandrake", "mandriva", "mes", "msdos",
            "netbsd", "netware", "openbsd", "opensolaris", "opensuse", "rhel", "rocky", "sled", "talos", "ubuntu", "windows"),
        new("os_version", MetaValueKind.String, false),
        // oldgeneric: a generic image replaced by a newer one (SCS image metadata v2; rotation sets it).
        new("os_purpose", MetaValueKind.Enum, false, false, "generic", "oldgeneric", "minimal", "k8snode", "gpu", "network", "custom"),
        new("patchlevel", MetaValueKind.String, false),
        new("provided_until", MetaValueKind.NoneOrDate, true),
        new("replace_frequency", MetaValueKind.Enum, true, false,
            "yearly", "quarterly", "monthly", "weekly", "daily", "critical_bug", "never"),
        new("uuid_validity", MetaValueKind.UuidValidity, true),
    ];

    public static readonly IReadOnlyDictionary<string, MetaRule> ByKey = Rules.ToDictionary(r => r.Key, StringComparer.Ordinal);

    /// <summary>Keys the Python schema requires that may be left out here: no property is set, and -Strict notes it.</summary>
    public static readonly IReadOnlyList<string> SchemaDefaulted = ["hypervisor_type", "os_purpose"];

    /// <summary>Image attributes and read-only properties: Glance refuses or owns them (any case).</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "size", "virtual_size", "owner",
        "created_at", "updated_at", "deleted", "deleted_at", "container_format", "disk_format", "min_disk", "min_ram",
        "tags", "locations", "direct_url", "stores", "file", "schema", "self", "os_hash_algo", "os_hash_value",
    };

    private static readonly string[] ReservedPrefixes = ["os_glance_", "os_hash_", "owner_specified."];

    /// <summary>
    /// Properties the image manager derives itself and, for the first two, finds images by
    /// (<c>DefinitionIndex</c>): a value in meta would make two definitions, or two versions, claim
    /// one image, and every run would make another. Refused in any case, with what sets them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Derived = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image_name"] = "the definition's name; it tells which definition an image belongs to",
        ["internal_version"] = "the version; it tells which version an image stands for",
        ["image_original_user"] = "the definition's login",
        ["image_build_date"] = "the version's build_date",
        ["upstream_checksum"] = "the version's checksum or the upstream digest of a 'latest' version",
    };

    /// <summary>The tool's own bookkeeping properties (<c>oim_managed_properties</c>, <c>oim_pending</c>, ...).</summary>
    public const string BookkeepingPrefix = "oim_";

    /// <summary>
    /// The link from an image to its definition besides <c>image_name</c> (the Python tool's rule):
    /// allowed in the definition's meta, where it names the definition, never in a version's.
    /// </summary>
    public const string DescriptionKey = "image_description";

    /// <summary>Other properties the tool sets itself next to meta's (a value in meta is used as documented).</summary>
    private static readonly string[] SetByTool = [DescriptionKey, "image_source", "os_version"];

    public static bool IsReserved(string key) =>
        Reserved.Contains(key) || ReservedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="key"/> is set by the tool and cannot be in meta, or null.</summary>
    public static string? DerivedSource(string key) =>
        Derived.TryGetValue(key, out var source) ? source
        : key.StartsWith(BookkeepingPrefix, StringComparison.OrdinalIgnoreCase) ? "the image manager's own bookkeeping"
        : null;

    /// <summary>
    /// The known key <paramref name="key"/> differs from only in case (<c>OS_Distro</c> → <c>os_distro</c>), or null.
    /// Glance would store both under one key, so such a key is refused rather than sent.
    /// </summary>
    public static string? CaseVariantOf(string key) =>
        Rules.Select(r => r.Key).Concat(SetByTool)
            .FirstOrDefault(known => !string.Equals(known, key, StringComparison.Ordinal)
                                     && string.Equals(known, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The known key an unknown one is probably a typo of, or null.</summary>
    public static string? SuggestionFor(string key)
    {
        if (key.Length < 6)
        {
            return null;
        }

        return Rules.Select(r => r.Key)
            .Select(known => (known, distance: EditDistance(key, known)))
            .Where(c => c.distance is > 0 and <= 2)
            .OrderBy(c => c.distance)
            .Select(c => c.known)
            .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
