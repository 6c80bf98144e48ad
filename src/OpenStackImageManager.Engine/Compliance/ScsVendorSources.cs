using System.Text.RegularExpressions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// SCS standard images, version 2 (scs-0104), the rule a catalog decides: a generic Ubuntu or Debian
/// image names its vendor's download area as <c>image_source</c>. An image counts when it says
/// <c>os_purpose: generic</c> with os_distro ubuntu or debian, or when it carries the standard name
/// (<c>Ubuntu 24.04</c>, <c>Debian 13</c>) that the conformance test looks up. The check ids are the
/// test's, e.g. <c>scs-0104-source-ubuntu-2404</c>. Which images must exist is not judged: that is
/// a property of the whole cloud, not of the images this tool manages.
/// </summary>
internal sealed partial class ScsVendorSources : IComplianceStandard
{
    public const string StandardName = "scs-0104";

    private static readonly IReadOnlyDictionary<string, string> s_ubuntu = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["20.04"] = "focal", ["22.04"] = "jammy", ["24.04"] = "noble", ["24.10"] = "oracular",
        ["25.04"] = "plucky", ["25.10"] = "questing", ["26.04"] = "resolute",
    };

    private static readonly IReadOnlyDictionary<string, string> s_debian = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["10"] = "buster", ["11"] = "bullseye", ["12"] = "bookworm", ["13"] = "trixie", ["14"] = "forky",
    };

    public string Name => StandardName;

    public string Title => "SCS standard images (v2): vendor image sources";

    public IReadOnlyList<string> Checks { get; } = ["scs-0104-source-<distro>-<version>"];

    public IReadOnlyList<ComplianceResult> Judge(IReadOnlyList<GlanceImage> images, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(images);
        var findings = new Findings(StandardName);
        foreach (var image in images)
        {
            if (Subject(image) is not var (distro, version))
            {
                continue;
            }

            var allowed = PrefixesFor(distro, version);
            var source = ScsImageMetadata.Property(image, "image_source") ?? string.Empty;
            if (!allowed.Any(p => source.StartsWith(p, StringComparison.Ordinal)))
            {
                findings.Error($"{StandardName}-source-{distro}-{version.Replace(".", string.Empty, StringComparison.Ordinal)}", image,
                    $"image_source {ScsImageMetadata.Shown(ScsImageMetadata.Property(image, "image_source"))} is not the vendor's: it must start with {string.Join(" or ", allowed)}");
            }
        }

        return findings.Results;
    }

    /// <summary>The distribution and version the rule applies to, or null.</summary>
    private static (string Distro, string Version)? Subject(GlanceImage image)
    {
        if (StandardImageName().Match(image.Name) is { Success: true } named)
        {
            return (named.Groups["distro"].Value.ToLowerInvariant(), named.Groups["version"].Value);
        }

        var distro = ScsImageMetadata.Property(image, "os_distro");
        var version = ScsImageMetadata.Property(image, "os_version");
        return ScsImageMetadata.Property(image, "os_purpose") == "generic" && distro is "ubuntu" or "debian" && !string.IsNullOrEmpty(version)
            ? (distro!, version!)
            : null;
    }

    /// <summary>The permitted forms; for a release this table does not know yet, any codename.</summary>
    internal static IReadOnlyList<string> PrefixesFor(string distro, string version)
    {
        if (distro == "ubuntu")
        {
            return s_ubuntu.TryGetValue(version, out var noble)
                ? [$"https://cloud-images.ubuntu.com/releases/{noble}/", $"https://cloud-images.ubuntu.com/{noble}/"]
                : ["https://cloud-images.ubuntu.com/"];
        }

        return s_debian.TryGetValue(version, out var trixie)
            ? [$"https://cloud.debian.org/images/cloud/{trixie}/", $"https://cdimage.debian.org/cdimage/cloud/{trixie}/"]
            : ["https://cloud.debian.org/images/cloud/", "https://cdimage.debian.org/cdimage/cloud/"];
    }

    /// <summary>The names the conformance test looks images up by.</summary>
    [GeneratedRegex(@"^(?<distro>Ubuntu) (?<version>\d\d\.\d\d)$|^(?<distro>Debian) (?<version>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardImageName();
}
