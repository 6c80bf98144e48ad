using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Compliance.CompliantImages;

namespace OpenStackImageManager.Engine.Tests.Compliance;

/// <summary>scs-0102 image by image: each check fails once, with the conformance test's id and severity.</summary>
public sealed class ScsImageMetadataTests
{
    private static IReadOnlyList<ComplianceResult> Judge(params GlanceImage[] images) => new ScsImageMetadata().Judge(images, Now);

    [Fact]
    public void A_compliant_image_has_no_findings()
    {
        Assert.Empty(Judge(Ubuntu()));
    }

    public static TheoryData<string, string, ProblemSeverity> BrokenProperties => new()
    {
        { "architecture=amd64", "scs-0102-prop-architecture", ProblemSeverity.Error },
        { "architecture=", "scs-0102-prop-architecture", ProblemSeverity.Error },
        { "os_version=", "scs-0102-prop-os_version", ProblemSeverity.Error },
        { "os_distro=", "scs-0102-prop-os_distro", ProblemSeverity.Error },
        { "os_purpose=desktop", "scs-0102-prop-os_purpose", ProblemSeverity.Error },
        { "hw_disk_bus=ide", "scs-0102-prop-hw_disk_bus", ProblemSeverity.Error },
        { "hypervisor_type=hyperv", "scs-0102-prop-hypervisor_type", ProblemSeverity.Warning },
        { "hw_rng_model=random", "scs-0102-prop-hw_rng_model", ProblemSeverity.Warning },
        { "image_build_date=20.5.2026", "scs-0102-prop-image_build_date", ProblemSeverity.Error },
        { "image_build_date=2026-05-22", "scs-0102-prop-image_build_date", ProblemSeverity.Error },
        { "image_original_user=", "scs-0102-prop-image_original_user", ProblemSeverity.Error },
        { "image_source=file:ubuntu.img", "scs-0102-prop-image_source", ProblemSeverity.Error },
        { "image_description=", "scs-0102-prop-image_description", ProblemSeverity.Error },
        { "replace_frequency=sometimes", "scs-0102-prop-replace_frequency", ProblemSeverity.Error },
        { "provided_until=", "scs-0102-prop-provided_until", ProblemSeverity.Error },
        { "uuid_validity=last-three", "scs-0102-prop-uuid_validity", ProblemSeverity.Error },
        { "hotfix_hours=2d", "scs-0102-prop-hotfix_hours", ProblemSeverity.Warning },
    };

    [Theory]
    [MemberData(nameof(BrokenProperties))]
    public void Each_property_check_fails_alone(string assignment, string check, ProblemSeverity severity)
    {
        var (key, value) = (assignment.Split('=')[0], assignment.Split('=')[1]);
        var image = Ubuntu(change: p =>
        {
            if (value.Length == 0)
            {
                p.Remove(key);
            }
            else
            {
                p[key] = value;
            }
        });

        var result = Assert.Single(Judge(image));

        Assert.Equal((check, severity, "Ubuntu 24.04", "id-1"), (result.Check, result.Severity, result.ImageName, result.ImageId));
    }

    public static TheoryData<string, string, ProblemSeverity> BrokenAttributes => new()
    {
        { "no min_disk", "scs-0102-prop-min_disk", ProblemSeverity.Error },
        { "min_disk below size", "scs-0102-prop-min_disk", ProblemSeverity.Error },
        { "no min_ram", "scs-0102-prop-min_ram", ProblemSeverity.Error },
        { "min_ram below 64", "scs-0102-prop-min_ram", ProblemSeverity.Warning },
        { "md5 hash", "scs-0102-prop-hash_algo", ProblemSeverity.Warning },
        { "built in the future", "scs-0102-prop-image_build_date", ProblemSeverity.Error },
    };

    [Theory]
    [MemberData(nameof(BrokenAttributes))]
    public void Each_attribute_check_fails_alone(string breakage, string check, ProblemSeverity severity)
    {
        var image = Ubuntu();
        image = breakage switch
        {
            "no min_disk" => image with { MinDisk = 0 },
            "min_disk below size" => image with { Size = 9L << 30 },
            "no min_ram" => image with { MinRam = 0 },
            "min_ram below 64" => image with { MinRam = 32 },
            "md5 hash" => image with { HashAlgorithm = "md5" },
            _ => image with { CreatedAt = Now.AddDays(2), Properties = new Dictionary<string, string>(image.Properties) { ["image_build_date"] = "2026-06-02" } },
        };

        var result = Assert.Single(Judge(image));

        Assert.Equal((check, severity), (result.Check, result.Severity));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("notice")]
    [InlineData("forever")]
    [InlineData("last-5")]
    [InlineData("2027-12-31")]
    public void The_uuid_validity_forms_of_the_standard_pass(string validity)
    {
        Assert.Empty(Judge(Ubuntu(change: p => p["uuid_validity"] = validity)));
    }

    [Fact]
    public void Absent_optional_properties_pass_as_in_the_conformance_test()
    {
        var image = Ubuntu(change: p =>
        {
            p.Remove("hw_disk_bus");
            p.Remove("hypervisor_type");
            p.Remove("hw_rng_model");
            p.Remove("hotfix_hours");
            p.Remove("uuid_validity");
            p["image_source"] = "private";
        });

        Assert.Empty(Judge(image));
    }
}
