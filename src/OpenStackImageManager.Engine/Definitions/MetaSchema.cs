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
/// Nova and Glance understand). Keys Glance owns are refused; keys this tool sets itself
/// get a warning.
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
        new("hypervisor_type", MetaValueKind.Enum, true, false, "hyperv", "ironic", "lxc", "qemu", "uml", "vmware", "xen", "kvm", "hyper-v", "esxi"),
        new("image_description", MetaValueKind.String, false),
        new("os_distro", MetaValueKind.Enum, true, false,
            "arch", "centos", "cirros", "debian", "fedora", "freebsd", "gentoo", "mandrake", "mandriva", "mes", "msdos",
            "netbsd", "netware", "openbsd", "opensolaris", "opensuse", "rhel", "rocky", "sled", "talos", "ubuntu", "windows"),
        new("os_version", MetaValueKind.String, false),
        // oldgeneric: a generic image replaced by a newer one (SCS image metadata v2; rotation sets it).
        new("os_purpose", MetaValueKind.Enum, true, false, "generic", "oldgeneric", "minimal", "k8snode", "gpu", "network", "custom"),
        new("patchlevel", MetaValueKind.String, false),
        new("provided_until", MetaValueKind.NoneOrDate, true),
        new("replace_frequency", MetaValueKind.Enum, true, false,
            "yearly", "quarterly", "monthly", "weekly", "daily", "critical_bug", "never"),
        new("uuid_validity", MetaValueKind.UuidValidity, true),
    ];

    public static readonly IReadOnlyDictionary<string, MetaRule> ByKey = Rules.ToDictionary(r => r.Key, StringComparer.Ordinal);

    /// <summary>Image attributes and read-only properties: Glance refuses or owns them.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "size", "virtual_size", "owner",
        "created_at", "updated_at", "deleted", "deleted_at", "container_format", "disk_format", "min_disk", "min_ram",
        "tags", "locations", "direct_url", "stores", "file", "schema", "self", "os_hash_algo", "os_hash_value",
    };

    private static readonly string[] ReservedPrefixes = ["os_glance_", "owner_specified."];

    /// <summary>Properties the image manager derives itself; a value in meta would be overwritten.</summary>
    public static readonly IReadOnlyDictionary<string, string> Automatic = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["internal_version"] = "the version",
        ["image_original_user"] = "the definition's login",
        ["image_source"] = "the version's url (a file: url keeps the value of meta)",
        ["image_build_date"] = "the version's build_date",
        ["upstream_checksum"] = "the upstream digest of a 'latest' version",
    };

    public static bool IsReserved(string key) =>
        Reserved.Contains(key) || ReservedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));

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
