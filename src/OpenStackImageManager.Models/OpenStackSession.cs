namespace OpenStackImageManager.Models;

/// <summary>
/// An authenticated connection to one cloud, as the user sees it. The live state (token, HTTP
/// clients) stays in the engine; <see cref="Handle"/> is the key the engine finds it by, so no engine
/// type ever crosses the pipeline. Nothing secret is kept here.
/// </summary>
public sealed class OpenStackSession
{
    public OpenStackSession(Guid handle, string cloud)
    {
        Handle = handle;
        Cloud = cloud;
    }

    /// <summary>Opaque key of the engine-side session.</summary>
    public Guid Handle { get; }

    /// <summary>The clouds.yaml name (or <c>envvars</c> for plain OS_* variables).</summary>
    public string Cloud { get; }

    /// <summary>The file the cloud came from; null for environment variables.</summary>
    public string? ConfigFile { get; init; }

    public string? Region { get; init; }

    public string Interface { get; init; } = "public";

    public string AuthType { get; init; } = "password";

    public Uri? AuthUrl { get; init; }

    public Uri? ImageEndpoint { get; init; }

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectName { get; init; }

    public string? DomainId { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>When the current token expires; the engine renews it before then.</summary>
    public DateTimeOffset? TokenExpiresAt { get; set; }

    public override string ToString() => $"{Cloud} ({ProjectName ?? ProjectId ?? DomainId})";
}
