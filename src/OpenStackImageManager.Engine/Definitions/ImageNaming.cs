namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// The Glance names a definition produces, exactly as the Python tool names them (its
/// <c>process_image</c> and <c>rename_images</c>): <c>multi: true</c> gives the newest version the
/// bare name and older ones <c>name{sep}(version)</c>; <c>multi: false</c> gives every version
/// <c>name{sep}version</c>. The separator defaults to a space.
/// </summary>
internal static class ImageNaming
{
    public const string DefaultSeparator = " ";

    public static string GlanceName(string name, string separator, bool multi, string version, bool isCurrent) =>
        multi
            ? isCurrent ? name : $"{name}{separator}({version})"
            : $"{name}{separator}{version}";

    /// <summary>Indexes of <paramref name="versions"/> in natural order, oldest first (stable for equal labels).</summary>
    public static int[] NaturalOrder(IReadOnlyList<string> versions) =>
        Enumerable.Range(0, versions.Count)
            .OrderBy(i => versions[i], NaturalVersionComparer.Instance)
            .ThenBy(i => i)
            .ToArray();
}
