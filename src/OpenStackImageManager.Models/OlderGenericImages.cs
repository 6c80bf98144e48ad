namespace OpenStackImageManager.Models;

/// <summary>
/// What rotation does with the older images of a definition that share architecture, os_distro and
/// os_version with a newer one while claiming <c>os_purpose: generic</c>. Image metadata standards
/// (SCS) allow at most one public, visible generic image per such triple.
/// </summary>
public enum OlderGenericImages
{
    /// <summary>Left as the definition says (the Python tool's behaviour).</summary>
    Unchanged = 0,

    /// <summary><c>os_purpose: oldgeneric</c> and, for <c>multi: true</c>, the name <c>Name YYYYMMDD</c> (the build date).</summary>
    OldGeneric = 1,

    /// <summary><c>os_hidden: true</c>.</summary>
    Hide = 2,
}
