using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Compliance.CompliantImages;

namespace OpenStackImageManager.Engine.Tests.Compliance;

/// <summary>The same checks on what a plan would leave and on a catalog alone.</summary>
public sealed class PlanAndCatalogComplianceTests
{
    [Fact]
    public void A_planned_create_next_to_the_existing_generic_image_is_judged_before_anything_is_sent()
    {
        var existing = Ubuntu();
        var create = new ImageChange
        {
            Kind = ImageChangeKind.Create,
            ImageName = "Ubuntu 24.04",
            Description = "Create image 'Ubuntu 24.04'",
            Target = new ImageTarget
            {
                Properties = existing.Properties.ToDictionary(p => p.Key, p => p.Key == "image_build_date" ? "2026-05-30" : p.Value, StringComparer.Ordinal),
                Visibility = "public",
            },
        };
        var rename = new ImageChange
        {
            Kind = ImageChangeKind.Rename, ImageId = existing.Id, ImageName = "Ubuntu 24.04 20260520", Description = "Rename",
            Target = new ImageTarget { Name = "Ubuntu 24.04 20260520" },
        };

        var after = PlannedImages.Apply([existing], [create, rename], "project-1", Now);
        var results = new ScsImageMetadata().Judge(after, Now);

        Assert.Equal(["Ubuntu 24.04 20260520", "Ubuntu 24.04"], after.Select(i => i.Name));
        // The new image has no size and min_disk/min_ram of no definition: those and uniqueness are reported.
        Assert.Equal(
            ["scs-0102-os_purpose-uniqueness", "scs-0102-prop-min_disk", "scs-0102-prop-min_ram", "scs-0102-os_purpose-uniqueness"],
            results.OrderBy(r => r.ImageId is null).Select(r => r.Check));
    }

    private const string Catalog = """
        ---
        images:
          - name: Ubuntu 24.04
            enable: true
            format: qcow2
            login: ubuntu
            min_disk: 8
            min_ram: 512
            status: active
            visibility: public
            multi: true
            meta:
              architecture: x86_64
              hw_disk_bus: scsi
              hypervisor_type: hyperv
              os_distro: ubuntu
              os_version: '24.04'
              os_purpose: generic
              replace_frequency: monthly
              uuid_validity: last-3
              provided_until: notice
              image_description: https://ubuntu.com
            tags: []
            versions:
              - version: '20260301'
                url: https://cloud-images.ubuntu.com/releases/noble/release-20260301/a.img
                build_date: 2026-03-01
              - version: '20260520'
                url: file:///srv/images/ubuntu.img
                build_date: 2026-05-20
        """;

    [Fact]
    public void The_schema_accepts_what_the_standard_accepts_and_checks_only_run_when_asked()
    {
        var result = DefinitionLoader.Load([DefinitionYaml.WriteTemp(Catalog)], strict: false, NullOperationLog.Instance, CancellationToken.None);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_catalog_finding_points_at_the_key_that_decides_it()
    {
        var result = DefinitionLoader.Load([DefinitionYaml.WriteTemp(Catalog)], strict: false, ["scs-0102", "scs-0104"], Now, NullOperationLog.Instance, CancellationToken.None);

        var problems = result.Problems.Select(p => $"{p.Line}:{p.Column} {p.Severity} {p.Key} {p.Message.Split(':')[0]}").ToArray();
        Assert.Equal(
            [
                "15:24 Warning images[0].meta.hypervisor_type scs-0102-prop-hypervisor_type",
                "15:24 Warning images[0].meta.hypervisor_type scs-0102-prop-hypervisor_type",
                "29:14 Error images[0].versions[1].url scs-0102-prop-image_source",
                "29:14 Error images[0].versions[1].url scs-0104-source-ubuntu-2404",
            ],
            problems);
    }
}
