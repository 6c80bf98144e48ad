using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Compliance.CompliantImages;

namespace OpenStackImageManager.Engine.Tests.Compliance;

/// <summary>scs-0102 over a set of images (recency, uniqueness), scs-0104's vendor sources and the member's scope.</summary>
public sealed class ScsImageSetTests
{
    private static readonly ScsImageMetadata s_metadata = new();

    private static GlanceImage Old(string name, bool hidden = false, string until = "2029-04-30") =>
        Ubuntu(name, "id-old", change: p =>
        {
            p["image_build_date"] = "2026-03-01";
            p["os_purpose"] = "oldgeneric";
            p["provided_until"] = until;
        }) with { CreatedAt = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), Hidden = hidden };

    [Fact]
    public void An_outdated_image_without_a_current_image_under_its_base_name_fails_recency()
    {
        var result = Assert.Single(s_metadata.Judge([Old("Ubuntu 24.04 20260301")], Now));

        Assert.Equal(("scs-0102-image-recency", ProblemSeverity.Error), (result.Check, result.Severity));
        Assert.Contains("'Ubuntu 24.04'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dated_outdated_image_next_to_a_current_one_passes_recency()
    {
        Assert.Empty(s_metadata.Judge([Ubuntu(), Old("Ubuntu 24.04 20260301")], Now));
    }

    [Fact]
    public void An_outdated_image_that_is_neither_hidden_nor_renamed_is_a_warning()
    {
        var result = Assert.Single(s_metadata.Judge([Ubuntu(), Old("Ubuntu 24.04 (v1)")], Now));

        Assert.Equal(("scs-0102-image-recency", ProblemSeverity.Warning, "id-old"), (result.Check, result.Severity, result.ImageId));
    }

    [Fact]
    public void An_outdated_image_with_an_unreadable_provided_until_fails_recency()
    {
        var result = Assert.Single(s_metadata.Judge([Ubuntu(), Old("Ubuntu 24.04 20260301", until: "soon")], Now));

        Assert.Equal(("scs-0102-image-recency", "id-old"), (result.Check, result.ImageId));
    }

    [Fact]
    public void Two_public_visible_generic_images_of_one_distro_version_and_architecture_fail_uniqueness()
    {
        var second = Ubuntu("Ubuntu 24.04 20260520", "id-2");

        var results = s_metadata.Judge([Ubuntu(), second], Now);

        Assert.Equal(["id-1", "id-2"], results.Select(r => r.ImageId));
        Assert.All(results, r => Assert.Equal(("scs-0102-os_purpose-uniqueness", ProblemSeverity.Error), (r.Check, r.Severity)));
    }

    [Theory]
    [InlineData("oldgeneric", false, "public")]
    [InlineData("generic", true, "public")]
    [InlineData("generic", false, "community")]
    public void An_oldgeneric_hidden_or_community_second_image_keeps_uniqueness(string purpose, bool hidden, string visibility)
    {
        var second = Ubuntu("Ubuntu 24.04 20260520", "id-2", change: p => p["os_purpose"] = purpose) with { Hidden = hidden, Visibility = visibility };

        Assert.Empty(s_metadata.Judge([Ubuntu(), second], Now));
    }

    [Theory]
    [InlineData("https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img", 0)]
    [InlineData("https://mirror.example.com/ubuntu/noble.img", 1)]
    [InlineData("https://cloud-images.ubuntu.com/releases/jammy/release/ubuntu-22.04.img", 1)]
    public void A_generic_ubuntu_image_names_its_vendor_source(string source, int findings)
    {
        var results = new ScsVendorSources().Judge([Ubuntu(change: p => p["image_source"] = source)], Now);

        Assert.Equal(findings, results.Count);
        Assert.All(results, r => Assert.Equal("scs-0104-source-ubuntu-2404", r.Check));
    }

    [Fact]
    public void A_debian_image_under_the_standard_name_is_judged_whatever_its_purpose()
    {
        var debian = Ubuntu("Debian 13", change: p =>
        {
            p["os_distro"] = "debian";
            p["os_version"] = "13";
            p["os_purpose"] = "minimal";
            p["image_source"] = "https://cdimage.debian.org/cdimage/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2";
        });

        var result = Assert.Single(new ScsVendorSources().Judge([debian], Now));

        Assert.Equal("scs-0104-source-debian-13", result.Check);
    }

    [Theory]
    [InlineData("public", false, "other", true)]
    [InlineData("community", false, "project-1", true)]
    [InlineData("community", false, "other", false)]
    [InlineData("private", false, "project-1", false)]
    [InlineData("shared", false, "project-1", false)]
    [InlineData("public", true, "project-1", false)]
    public void The_scope_is_what_a_member_lists_public_and_own_community_images_not_hidden(string visibility, bool hidden, string owner, bool included)
    {
        var image = Ubuntu() with { Visibility = visibility, Hidden = hidden, Owner = owner };

        Assert.Equal(included, ComplianceScope.Includes(image, "project-1"));
    }

    [Fact]
    public void Unknown_standards_are_refused_and_none_means_the_default()
    {
        Assert.Throws<ArgumentException>(() => ComplianceStandards.Resolve(["scs-9999"]));
        Assert.Equal(["scs-0102"], ComplianceStandards.Resolve(null).Select(s => s.Name));
    }
}
