namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>
/// Which definitions an endoflife.date product covers (by shortname prefix; AlmaLinux and CentOS
/// share <c>os_distro: centos</c>, so the distribution cannot tell) and how its cycles are read.
/// </summary>
/// <param name="Product">The endoflife.date product name.</param>
/// <param name="ShortNamePrefix">Definitions whose shortname starts with this belong to the product; their <c>meta.os_version</c> is the cycle.</param>
/// <param name="LtsOnly">Only LTS cycles are expected to be defined (Ubuntu).</param>
/// <param name="UseExtendedSupport">The end of life is the end of extended support (Debian LTS).</param>
public sealed record LifecycleProduct(string Product, string ShortNamePrefix, bool LtsOnly = false, bool UseExtendedSupport = false)
{
    /// <summary>The products the Python check reads, as it reads them.</summary>
    public static IReadOnlyList<LifecycleProduct> Defaults { get; } =
    [
        new("ubuntu", "ubuntu-", LtsOnly: true),
        new("debian", "debian-", UseExtendedSupport: true),
        new("almalinux", "almalinux-"),
        new("rocky-linux", "rocky-"),
        new("centos-stream", "centos-stream-"),
        new("opensuse", "opensuse-leap-"),
    ];

    /// <summary>
    /// The products named (all of <see cref="Defaults"/> when none is); a name that is not one of them is
    /// an <see cref="ArgumentException"/> naming the known ones, never silently dropped.
    /// </summary>
    public static IReadOnlyList<LifecycleProduct> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return Defaults;
        }

        var unknown = names.Where(n => !Defaults.Any(p => string.Equals(p.Product, n, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"unknown product(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Defaults.Select(p => p.Product))}");
        }

        return Defaults.Where(p => names.Contains(p.Product, StringComparer.OrdinalIgnoreCase)).ToArray();
    }
}
