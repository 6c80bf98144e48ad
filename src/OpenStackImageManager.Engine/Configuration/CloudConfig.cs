namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// One cloud, resolved from clouds.yaml + secure.yaml or from OS_* variables. Holds secrets, so
/// <see cref="ToString"/> is overridden: the record's generated printing would show them.
/// </summary>
internal sealed record CloudConfig
{
    /// <summary>Name in clouds.yaml, or <c>envvars</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The clouds.yaml the cloud came from; null for OS_* variables.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Digest of the contents of clouds.yaml and secure.yaml as read; null for OS_* variables.</summary>
    public string? SourceDigest { get; init; }

    /// <summary>Normalised: password, v3applicationcredential or token.</summary>
    public string AuthType { get; init; } = CloudAuthTypes.Password;

    public required Uri AuthUrl { get; init; }

    public string? Username { get; init; }

    public string? UserId { get; init; }

    public string? UserDomainName { get; init; }

    public string? UserDomainId { get; init; }

    public string? Password { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectDomainName { get; init; }

    public string? ProjectDomainId { get; init; }

    /// <summary>Domain scope (instead of a project).</summary>
    public string? DomainName { get; init; }

    public string? DomainId { get; init; }

    public string? ApplicationCredentialId { get; init; }

    public string? ApplicationCredentialName { get; init; }

    public string? ApplicationCredentialSecret { get; init; }

    public string? Token { get; init; }

    public string? RegionName { get; init; }

    /// <summary>public, internal or admin.</summary>
    public string Interface { get; init; } = "public";

    public string? CaCert { get; init; }

    public bool Verify { get; init; } = true;

    public string? Cert { get; init; }

    public string? Key { get; init; }

    public Uri? ImageEndpointOverride { get; init; }

    public string? ImageApiVersion { get; init; }

    /// <summary>Where to look when something is wrong: "cloud 'x' in /path/clouds.yaml".</summary>
    public string Origin => SourceFile is null ? $"cloud '{Name}' (OS_* environment variables)" : $"cloud '{Name}' in {SourceFile}";

    /// <summary>Every secret value of this cloud, for masking them wherever they might be echoed.</summary>
    public IEnumerable<string?> Secrets => [Password, ApplicationCredentialSecret, Token];

    public override string ToString() => Origin;
}

internal static class CloudAuthTypes
{
    internal const string Password = "password";
    internal const string ApplicationCredential = "v3applicationcredential";
    internal const string Token = "token";

    /// <summary>The openstacksdk spellings we accept, mapped to ours; null for an unsupported one.</summary>
    internal static string? Normalise(string? authType) => authType?.Trim().ToLowerInvariant() switch
    {
        null or "" or "password" or "v3password" => Password,
        "v3applicationcredential" or "applicationcredential" or "application_credential" => ApplicationCredential,
        "token" or "v3token" => Token,
        _ => null,
    };
}
