using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Mirror;

namespace OpenStackImageManager.Engine.Tests.Mirror;

/// <summary>
/// The Python tool's real catalog (fixture copy): every version that names a mirror_url is mirrored to
/// exactly that key, and the layout computed without the mirror_url reproduces the catalog's keys
/// (except the documented cases below).
/// </summary>
public class CatalogMirrorKeyTests
{
    private const string Bucket = "osism";

    private static readonly IReadOnlyList<MirrorItem> s_items = DefinitionLoader
        .Load([TestPaths.Catalog], strict: false, NullOperationLog.Instance, CancellationToken.None)
        .Definitions.SelectMany(MirrorItems.From).ToList();

    private static IEnumerable<MirrorItem> WithMirrorUrl() => s_items.Where(i => i.Source.MirrorUrl is not null);

    [Fact]
    public void EveryMirrorUrlOfTheCatalogIsTheObjectKey()
    {
        Assert.NotEmpty(WithMirrorUrl());
        Assert.All(WithMirrorUrl(), item =>
        {
            var entry = MirrorPlanner.Plan(item, Bucket, null, null);
            Assert.NotNull(entry.Request);
            Assert.Equal(MirrorKeyLayout.KeyFromMirrorUrl(item.Source.MirrorUrl, Bucket), entry.Request.ObjectKey);
            Assert.StartsWith("openstack-images/", entry.Request.ObjectKey, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TheComputedLayoutReproducesTheCatalogsMirrorUrls()
    {
        var mismatches = new List<string>();
        foreach (var item in WithMirrorUrl())
        {
            var expected = MirrorKeyLayout.KeyFromMirrorUrl(item.Source.MirrorUrl, Bucket)!;
            var computed = MirrorKeyLayout.KeyFor(item.Source with { MirrorUrl = null }, Bucket, null, null);
            if (computed != expected)
            {
                mismatches.Add($"{item.Source.Name} {item.Source.Version}: computed {computed}, catalog {expected}");
            }
        }

        // Known differences: Garden Linux mirrors a file extracted from the upstream tarball, and
        // hand-made entries (Fedora 37, openSUSE Leap 15.6) keep the upstream file name instead of
        // update.py's <version>-<shortname>. Those keep their key through the mirror_url rule.
        string[] known = ["Garden Linux", "Fedora", "openSUSE"];
        Assert.All(mismatches, m => Assert.True(known.Any(k => m.Contains(k, StringComparison.Ordinal)), m));
        Assert.True(WithMirrorUrl().Count() - mismatches.Count >= 20, string.Join('\n', mismatches));
    }
}
