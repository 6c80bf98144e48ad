using System.Globalization;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// The one owner of Glance names, exactly as the Python tool names them (its <c>process_image</c> and
/// <c>rename_images</c>): <c>multi: true</c> gives the newest version the bare name and older ones
/// <c>name{sep}(version)</c>; <c>multi: false</c> gives every version <c>name{sep}version</c>. The
/// separator defaults to a space. Loader, sync planner and rotation all name images here.
/// </summary>
internal static class ImageNaming
{
    public const string DefaultSeparator = " ";

    public static string GlanceName(string name, string separator, bool multi, string version, bool isCurrent) =>
        multi
            ? isCurrent ? name : $"{name}{separator}({version})"
            : $"{name}{separator}{version}";

    /// <summary>The name <paramref name="version"/> of <paramref name="definition"/> has when it is (or is not) the newest.</summary>
    public static string GlanceName(ImageDefinition definition, string version, bool isCurrent) =>
        GlanceName(definition.Name, definition.Separator, definition.Multi, version, isCurrent);

    /// <summary>
    /// The version an existing image stands for when no listed version names it (an image the YAML no
    /// longer lists, or the former build of a <c>latest</c> version stepping aside): its
    /// <c>internal_version</c>, else the version in its Glance name, else its creation date (the Python
    /// tool's fallback for a renamed <c>latest</c> image), else its id. The word <c>latest</c> is never
    /// a version here: it would give every former build the same name.
    /// </summary>
    public static string VersionOf(ImageDefinition definition, GlanceImage image)
    {
        if (image.Properties.TryGetValue(DesiredImage.InternalVersion, out var version) && IsDated(version))
        {
            return version;
        }

        if (VersionInName(definition, image.Name) is { } named && IsDated(named))
        {
            return named;
        }

        return image.CreatedAt?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? image.Id;
    }

    /// <summary>Indexes of <paramref name="versions"/> in natural order, oldest first (stable for equal labels).</summary>
    public static int[] NaturalOrder(IReadOnlyList<string> versions) =>
        Enumerable.Range(0, versions.Count)
            .OrderBy(i => versions[i], NaturalVersionComparer.Instance)
            .ThenBy(i => i)
            .ToArray();

    /// <summary>The <c>version</c> of <c>name{sep}version</c> or <c>name{sep}(version)</c>; null for any other name.</summary>
    private static string? VersionInName(ImageDefinition definition, string imageName)
    {
        var prefix = definition.Name + definition.Separator;
        if (!imageName.StartsWith(prefix, StringComparison.Ordinal) || imageName.Length <= prefix.Length)
        {
            return null;
        }

        var rest = imageName[prefix.Length..];
        return rest.StartsWith('(') && rest.EndsWith(')') ? rest[1..^1] : rest;
    }

    private static bool IsDated(string version) => version.Length > 0 && version != "latest";
}
