using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Compliance;

/// <summary>Images that pass every check of scs-0102, to break one rule at a time.</summary>
internal static class CompliantImages
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static GlanceImage Ubuntu(string name = "Ubuntu 24.04", string id = "id-1", string version = "24.04", Action<Dictionary<string, string>>? change = null)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["architecture"] = "x86_64",
            ["os_distro"] = "ubuntu",
            ["os_version"] = version,
            ["os_purpose"] = "generic",
            ["hw_disk_bus"] = "scsi",
            ["hypervisor_type"] = "qemu",
            ["hw_rng_model"] = "virtio",
            ["replace_frequency"] = "monthly",
            ["uuid_validity"] = "last-3",
            ["provided_until"] = "2029-04-30",
            ["hotfix_hours"] = "0",
            ["image_source"] = "https://cloud-images.ubuntu.com/releases/noble/release-20260520/ubuntu-24.04-server-cloudimg-amd64.img",
            ["image_description"] = "https://ubuntu.com/server",
            ["image_build_date"] = "2026-05-20",
            ["image_original_user"] = "ubuntu",
        };
        change?.Invoke(properties);
        return new GlanceImage
        {
            Id = id,
            Name = name,
            Status = "active",
            Visibility = "public",
            Tags = ["managed_by_osism", "os:ubuntu"],
            Properties = properties,
            Size = 600L << 20,
            MinDisk = 8,
            MinRam = 512,
            HashAlgorithm = "sha512",
            Owner = "project-1",
            CreatedAt = new DateTimeOffset(2026, 5, 21, 8, 0, 0, TimeSpan.Zero),
        };
    }
}
