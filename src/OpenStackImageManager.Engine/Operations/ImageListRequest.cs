namespace OpenStackImageManager.Engine.Operations;

/// <summary>What Get-GlanceImage asks for.</summary>
public sealed record ImageListRequest
{
    /// <summary>Names, each may hold wildcards.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public IReadOnlyList<string> Ids { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>public, private, shared, community or all; null for Glance's default listing.</summary>
    public string? Visibility { get; init; }

    /// <summary>Only images with <see cref="ManagedTag"/> owned by the session's project.</summary>
    public bool Managed { get; init; }

    public string ManagedTag { get; init; } = Defaults.ManagedTag;

    /// <summary>Also images with os_hidden (Glance leaves them out of a listing unless asked).</summary>
    public bool IncludeHidden { get; init; }

    /// <summary>Page size; the server's maximum when null.</summary>
    public int? PageSize { get; init; }
}
