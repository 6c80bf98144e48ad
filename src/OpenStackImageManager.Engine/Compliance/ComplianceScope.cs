using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// The images a conformance test judges: what a plain project member lists by default (public images,
/// and community images of its own project; Glance leaves os_hidden images out), reduced to public and
/// community ones. Private and shared images are the project's own business.
/// </summary>
internal static class ComplianceScope
{
    /// <summary>True when <paramref name="image"/> is judged for a member of <paramref name="projectId"/> (null: any owner).</summary>
    public static bool Includes(GlanceImage image, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Hidden)
        {
            return false;
        }

        return image.Visibility == "public"
               || image.Visibility == "community" && (projectId is null || string.Equals(image.Owner, projectId, StringComparison.Ordinal));
    }
}
