namespace OpenStackImageManager.Models;

/// <summary>
/// The switches of a rotation: Invoke-ImageRotation builds one from its parameters, and
/// Compare-GlanceImage / Sync-GlanceImage take one (<c>-Rotation @{ Keep = 2 }</c>) to plan rotation
/// together with a sync. Settable properties so that PowerShell can convert a hashtable.
/// </summary>
public sealed class ImageRotationOptions
{
    /// <summary>How many of the newest images of a definition stay as the definition says; null: the definition's <c>uuid_validity: last-N</c>, else 3.</summary>
    public int? Keep { get; set; }

    /// <summary>Older images get <c>os_hidden</c> instead of <c>community</c> visibility.</summary>
    public bool UseOsHidden { get; set; }

    /// <summary>Deactivate images beyond the keep window.</summary>
    public bool Deactivate { get; set; }

    /// <summary>Delete images beyond the keep window (deactivate → community → delete).</summary>
    public bool Delete { get; set; }

    /// <summary>Also rotate managed images that no given definition claims.</summary>
    public bool IncludeOrphaned { get; set; }

    /// <summary>Images of definitions with <c>uuid_validity: none</c> may be deactivated and deleted too.</summary>
    public bool IncludeValidityNone { get; set; }

    /// <summary>Versions a <c>multi: false</c> definition no longer lists are left alone (the Python tool's <c>--keep</c>).</summary>
    public bool KeepUndefinedVersions { get; set; }

    /// <summary>
    /// Older images that would be a second public generic image for their architecture, os_distro and
    /// os_version: marked <c>oldgeneric</c> (and renamed) or hidden, so that the catalog stays unique.
    /// </summary>
    public OlderGenericImages OlderGeneric { get; set; }

    public override string ToString() =>
        $"Keep={Keep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, UseOsHidden={UseOsHidden}, Deactivate={Deactivate}, Delete={Delete}, IncludeOrphaned={IncludeOrphaned}, IncludeValidityNone={IncludeValidityNone}, KeepUndefinedVersions={KeepUndefinedVersions}, OlderGeneric={OlderGeneric}";
}
