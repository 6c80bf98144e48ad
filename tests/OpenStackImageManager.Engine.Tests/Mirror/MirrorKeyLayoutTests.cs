using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Tests.Mirror;

/// <summary>
/// Object keys: the Python tool's layout by default (checked against the mirror_urls of the real
/// catalog in Fixtures/osism-images), and templates.
/// </summary>
public class MirrorKeyLayoutTests
{
    private const string Bucket = "osism";

    private static MirrorKeySource Source(string shortname, string format, string version, string url, string? mirrorUrl = null, string name = "Image") =>
        new(name, shortname, format, version, new Uri(url), mirrorUrl is null ? null : new Uri(mirrorUrl));

    [Theory]
    // Catalog entries whose mirror_url points into the bucket: the key is taken verbatim.
    [InlineData("talos", "raw", "1.11.3", "https://factory.talos.dev/image/3765/v1.11.3/openstack-amd64.raw.xz",
        "https://nbg1.your-objectstorage.com/osism/openstack-images/talos/1.11.3/openstack-amd64", "openstack-images/talos/1.11.3/openstack-amd64")]
    [InlineData("gardenlinux", "qcow2", "1877.5", "https://github.com/gardenlinux/gardenlinux/releases/download/1877.5/openstack-gardener_prod-amd64-1877.5-7a907e4e.tar.xz",
        "https://nbg1.your-objectstorage.com/osism/openstack-images/gardenlinux/1877.5/openstack-gardener_prod-amd64-1877.5-7a907e4e.qcow2",
        "openstack-images/gardenlinux/1877.5/openstack-gardener_prod-amd64-1877.5-7a907e4e.qcow2")]
    [InlineData("fedora-37", "qcow2", "20230402", "https://download.fedoraproject.org/pub/fedora/linux/releases/37/Cloud/x86_64/images/Fedora-Cloud-Base-37-1.7.x86_64.qcow2",
        "https://nbg1.your-objectstorage.com/osism/openstack-images/fedora-37/20230402/Fedora-Cloud-Base-37-1.7.x86_64.qcow2",
        "openstack-images/fedora-37/20230402/Fedora-Cloud-Base-37-1.7.x86_64.qcow2")]
    // Virtual-host style mirror_url.
    [InlineData("ubuntu-24.04", "qcow2", "20250101", "https://cloud-images.ubuntu.com/noble/20250101/noble-server-cloudimg-amd64.img",
        "https://osism.s3.example.com/openstack-images/ubuntu-24.04/20250101-ubuntu-24.04.qcow2", "openstack-images/ubuntu-24.04/20250101-ubuntu-24.04.qcow2")]
    public void AMirrorUrlInTheBucketGivesTheKey(string shortname, string format, string version, string url, string mirrorUrl, string expected)
    {
        Assert.Equal(expected, MirrorKeyLayout.KeyFor(Source(shortname, format, version, url, mirrorUrl), Bucket, prefix: null, template: null));
    }

    [Theory]
    // Without a usable mirror_url the Python layout is computed; these reproduce the catalog's mirror_urls.
    [InlineData("talos", "raw", "1.11.3", "https://factory.talos.dev/image/3765/v1.11.3/openstack-amd64.raw.xz", "openstack-images/talos/1.11.3/openstack-amd64")]
    [InlineData("opnsense", "raw", "25.7", "https://mirror.ams1.nl.leaseweb.net/opnsense/releases/25.7/OPNsense-25.7-nano-amd64.img.bz2", "openstack-images/opnsense/25.7/OPNsense-25.7-nano-amd64")]
    [InlineData("flatcar", "qcow2", "4230.2.4", "https://stable.release.flatcar-linux.net/amd64-usr/4230.2.4/flatcar_production_openstack_image.img", "openstack-images/flatcar/4230.2.4/flatcar_production_openstack_image.img")]
    [InlineData("ubuntu-24.04", "qcow2", "20250101", "https://cloud-images.ubuntu.com/noble/20250101/noble-server-cloudimg-amd64.img", "openstack-images/ubuntu-24.04/20250101-ubuntu-24.04.qcow2")]
    [InlineData("almalinux-9", "qcow2", "20251118", "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-9.7-20251118.x86_64.qcow2", "openstack-images/almalinux-9/20251118-almalinux-9.qcow2")]
    [InlineData("debian-12", "qcow2", "20250101", "https://cloud.debian.org/images/cloud/bookworm/20250101/debian-12-genericcloud-amd64-20250101.qcow2", "openstack-images/debian-12/20250101-debian-12.qcow2")]
    public void ThePythonLayoutIsTheDefault(string shortname, string format, string version, string url, string expected)
    {
        Assert.Equal(expected, MirrorKeyLayout.KeyFor(Source(shortname, format, version, url), Bucket, prefix: null, template: null));
    }

    [Fact]
    public void AMirrorUrlInAnotherBucketIsIgnored()
    {
        var source = Source("debian-12", "qcow2", "1", "https://x.example/d.qcow2", "https://nbg1.example.com/other-bucket/openstack-images/debian-12/1-debian-12.qcow2");
        Assert.Equal("mirror/debian-12/1-debian-12.qcow2", MirrorKeyLayout.KeyFor(source, Bucket, prefix: "mirror/", template: null));
    }

    [Fact]
    public void ASwiftPathPrefixedMirrorUrlIsFound()
    {
        var url = new Uri("https://swift.example.com/swift/v1/AUTH_b18263/osism/openstack-images/x/1-x.qcow2");
        Assert.Equal("openstack-images/x/1-x.qcow2", MirrorKeyLayout.KeyFromMirrorUrl(url, Bucket));
    }

    [Fact]
    public void NoShortnameAndNoMirrorUrlNeedsATemplate()
    {
        var source = new MirrorKeySource("Cirros", null, "qcow2", "0.6.2", new Uri("https://download.cirros-cloud.net/0.6.2/cirros-0.6.2-x86_64-disk.img"), null);
        var error = Assert.Throws<MirrorDefinitionException>(() => MirrorKeyLayout.KeyFor(source, Bucket, null, null));
        Assert.Contains("-KeyTemplate", error.Message, StringComparison.Ordinal);

        Assert.Equal("images/Cirros/0.6.2/cirros-0.6.2-x86_64-disk.img", MirrorKeyLayout.KeyFor(source, Bucket, "images", "{prefix}/{name}/{version}/{filename}"));
    }

    [Theory]
    [InlineData("{prefix}/{shortname}/{version}-{shortname}{ext}", "openstack-images/talos/1.11.3-talos.raw")]
    [InlineData("{shortname}/{version}/{stem}", "talos/1.11.3/openstack-amd64.raw")]
    [InlineData("{shortname}/{version}/{filename}", "talos/1.11.3/openstack-amd64.raw.xz")]
    [InlineData("/{prefix}//{name}/{version}.{format}", "openstack-images/Talos Linux/1.11.3.raw")]
    public void TemplatesReplaceTheLayout(string template, string expected)
    {
        var source = Source("talos", "raw", "1.11.3", "https://factory.talos.dev/image/3765/v1.11.3/openstack-amd64.raw.xz",
            "https://nbg1.your-objectstorage.com/osism/openstack-images/talos/1.11.3/openstack-amd64", name: "Talos Linux");
        Assert.Equal(expected, MirrorKeyLayout.KeyFor(source, Bucket, null, template));
    }

    [Theory]
    [InlineData("{prefix}/{nope}", "unknown placeholder {nope}")]
    [InlineData("{prefix}/", "names no file")]
    [InlineData("{prefix}/../{version}", "'..'")]
    public void BadTemplatesAreRefused(string template, string message)
    {
        var source = Source("talos", "raw", "1", "https://x.example/a.raw");
        var error = Assert.Throws<MirrorDefinitionException>(() => MirrorKeyLayout.KeyFor(source, Bucket, null, template));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaceholderWithoutAValueIsRefused()
    {
        var source = new MirrorKeySource("Cirros", null, "qcow2", "1", new Uri("https://x.example/a.img"), null);
        var error = Assert.Throws<MirrorDefinitionException>(() => MirrorKeyLayout.KeyFor(source, Bucket, null, "{shortname}/{version}"));
        Assert.Contains("{shortname}", error.Message, StringComparison.Ordinal);
    }
}
