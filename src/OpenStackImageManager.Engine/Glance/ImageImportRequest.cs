namespace OpenStackImageManager.Engine.Glance;

/// <summary>POST /v2/images/{id}/import. Stores matter only when the cloud has several.</summary>
internal sealed record ImageImportRequest
{
    /// <summary>web-download, glance-direct or copy-image.</summary>
    public required string Method { get; init; }

    /// <summary>The URL Glance downloads from (web-download).</summary>
    public Uri? Uri { get; init; }

    public IReadOnlyList<string> Stores { get; init; } = [];

    public bool AllStores { get; init; }

    public bool AllStoresMustSucceed { get; init; } = true;
}
