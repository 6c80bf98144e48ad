using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>The definition-to-mirror mapping: which fields of an ImageDefinition name the file.</summary>
internal static class MirrorItems
{
    public static IEnumerable<MirrorItem> From(ImageDefinition definition)
    {
        foreach (var version in definition.Versions)
        {
            if (!Uri.TryCreate(version.Url, UriKind.Absolute, out var url))
            {
                url = new Uri(version.Url, UriKind.Relative);
            }

            Uri? mirrorUrl = Uri.TryCreate(version.MirrorUrl, UriKind.Absolute, out var parsed) ? parsed : null;
            var source = new MirrorKeySource(definition.Name, definition.ShortName, definition.Format, version.Version, url, mirrorUrl);
            yield return new MirrorItem(source, version.Checksum) { CatalogFile = definition.SourceFile };
        }
    }
}
