namespace OpenStackImageManager.Models;

/// <summary>How the bytes of a new image reach Glance.</summary>
public enum ImportMethod
{
    /// <summary>web-download when the cloud offers it and the URL passes its filters, else glance-direct, else upload.</summary>
    Auto,

    /// <summary>Glance fetches the URL itself; no bytes pass through us.</summary>
    WebDownload,

    /// <summary>We stream the download into the staging area, Glance imports it (its plugins run).</summary>
    GlanceDirect,

    /// <summary>We stream the download with <c>PUT /file</c>; Glance's import plugins do not run.</summary>
    Upload,
}
