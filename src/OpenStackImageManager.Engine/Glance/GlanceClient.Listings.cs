using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>
/// Several listings sent at once: Glance shows os_hidden images only to a listing that asks for them and
/// hides them from every other, so a complete view is two listings, and waiting for one before sending
/// the other only adds a round trip to every run.
/// </summary>
internal sealed partial class GlanceClient
{
    /// <summary>Every image of <paramref name="queries"/>, each listing in full (all pages); in the order of the queries, each image once.</summary>
    public async Task<IReadOnlyList<GlanceImage>> ListImagesAsync(IReadOnlyList<ImageQuery> queries, CancellationToken cancellationToken)
    {
        var listings = await Task.WhenAll(queries.Select(q => CollectAsync(q, cancellationToken))).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return listings.SelectMany(l => l).Where(i => seen.Add(i.Id)).ToArray();
    }

    private async Task<List<GlanceImage>> CollectAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        var images = new List<GlanceImage>();
        await foreach (var image in ListImagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            images.Add(image);
        }

        return images;
    }
}
