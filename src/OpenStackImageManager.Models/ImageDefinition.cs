namespace OpenStackImageManager.Models;

/// <summary>
/// One entry of an image definition file's <c>images:</c> list (the format of the Python
/// openstack-image-manager), validated, with the Glance images it should produce.
/// </summary>
public sealed class ImageDefinition
{
    public required string Name { get; init; }

    /// <summary><c>false</c>: skipped unless disabled definitions are asked for.</summary>
    public bool Enable { get; init; } = true;

    /// <summary>Glance <c>disk_format</c> (qcow2, raw, ...).</summary>
    public required string Format { get; init; }

    /// <summary>Default login user; becomes the property <c>image_original_user</c>.</summary>
    public required string Login { get; init; }

    /// <summary>Documented default password of the image (for the catalog table); never sent to Glance.</summary>
    public string? Password { get; init; }

    /// <summary>GiB.</summary>
    public int MinDisk { get; init; }

    /// <summary>MiB.</summary>
    public int MinRam { get; init; }

    /// <summary>
    /// <c>true</c>: the newest version is called <see cref="Name"/>, older ones <c>Name (version)</c>.
    /// <c>false</c>: every version is <c>Name version</c>.
    /// </summary>
    public bool Multi { get; init; }

    /// <summary>Never delete outdated images of this definition.</summary>
    public bool Keep { get; init; }

    /// <summary><c>active</c> or <c>deactivated</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>public</c>, <c>private</c>, <c>community</c> or <c>shared</c>.</summary>
    public required string Visibility { get; init; }

    /// <summary>Joins name and version in Glance names; a space unless the YAML says otherwise.</summary>
    public string Separator { get; init; } = " ";

    /// <summary>Short key (<c>ubuntu-24.04</c>) used for mirror folders and upstream checks.</summary>
    public string? ShortName { get; init; }

    public string? LatestUrl { get; init; }

    public string? LatestChecksumUrl { get; init; }

    /// <summary>Image properties as the strings Glance and Nova expect, in file order. Null values are left out.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = ImageVersion.EmptyMeta;

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The versions in natural version order, oldest first; the last one is current.</summary>
    public IReadOnlyList<ImageVersion> Versions { get; init; } = [];

    /// <summary>The newest version, or null when the definition lists none.</summary>
    public ImageVersion? CurrentVersion => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The Glance names this definition produces, oldest version first.</summary>
    public IReadOnlyList<string> GlanceNames => Versions.Select(v => v.GlanceName).ToArray();

    public required string SourceFile { get; init; }

    public int SourceLine { get; init; }

    /// <summary>The load this definition came from (set by the engine's definition query); null for one made by hand.</summary>
    public DefinitionLoadSummary? LoadSummary { get; internal set; }

    public override string ToString() => Name;
}
