using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>One version to mirror, as the definition describes it.</summary>
/// <param name="Source">The fields the object key is made of, and the upstream URL.</param>
/// <param name="Checksum">The version's declared checksum, if any.</param>
internal sealed record MirrorItem(MirrorKeySource Source, ImageChecksum? Checksum)
{
    /// <summary>The definition file the item comes from: its folder is where a file: source may lie.</summary>
    public string? CatalogFile { get; init; }
}

/// <summary>What will happen to one version: a request, or why it cannot be mirrored.</summary>
internal sealed record MirrorPlanEntry(MirrorItem Item, MirrorRequest? Request, string? Problem)
{
    /// <summary>True for <c>version: latest</c> entries, which are passed over with a warning, not an error.</summary>
    public bool PassedOver { get; init; }
}

/// <summary>
/// Turns definition versions into mirror requests: the object key (Python layout or template), the
/// declared checksum, the compression. The upstream <c>url</c> is read, never the <c>mirror_url</c>
/// (that is where the copy goes). <c>latest</c> versions are passed over: their URL is a moving
/// pointer whose bytes no declared checksum describes.
/// </summary>
internal static class MirrorPlanner
{
    public static MirrorPlanEntry Plan(MirrorItem item, string bucket, string? prefix, string? keyTemplate)
    {
        ArgumentNullException.ThrowIfNull(item);
        var source = item.Source;
        if (string.Equals(source.Version, "latest", StringComparison.Ordinal))
        {
            return new MirrorPlanEntry(item, null, $"'{source.Name}' version latest is a moving pointer; it is not mirrored.") { PassedOver = true };
        }

        if (!source.Url.IsAbsoluteUri || source.Url.Scheme is not ("http" or "https" or "file"))
        {
            return new MirrorPlanEntry(item, null, $"'{source.Name}' version {source.Version}: url '{source.Url}' is not an http(s) or file URL.");
        }

        if (item.Checksum is { Problem: { } problem })
        {
            return new MirrorPlanEntry(item, null, $"'{source.Name}' version {source.Version}: {problem}");
        }

        try
        {
            var key = MirrorKeyLayout.KeyFor(source, bucket, prefix, keyTemplate);
            return new MirrorPlanEntry(item, MirrorRequest.For(source.Name, source.Version, source.Url, key, item.Checksum) with { CatalogFile = item.CatalogFile }, null);
        }
        catch (MirrorDefinitionException e)
        {
            return new MirrorPlanEntry(item, null, e.Message);
        }
    }
}
