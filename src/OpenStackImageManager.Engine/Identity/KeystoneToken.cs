namespace OpenStackImageManager.Engine.Identity;

/// <summary>An issued token and what Keystone said about it. <see cref="ToString"/> never shows the token.</summary>
internal sealed record KeystoneToken
{
    public required string Value { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Keystone's issued_at (its own clock, like <see cref="ExpiresAt"/>): with it the token's lifetime is known without clock skew.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectDomainId { get; init; }

    /// <summary>Set for a domain-scoped token.</summary>
    public string? DomainId { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<CatalogEndpoint> Catalog { get; init; } = [];

    public bool IsAdmin => Roles.Any(r => string.Equals(r, "admin", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"token for {UserName ?? UserId} on {ProjectName ?? ProjectId ?? DomainId}, expires {ExpiresAt:u}";
}

/// <summary>One endpoint of the service catalog.</summary>
internal sealed record CatalogEndpoint(string ServiceType, string ServiceName, string Interface, string? Region, Uri Url);
