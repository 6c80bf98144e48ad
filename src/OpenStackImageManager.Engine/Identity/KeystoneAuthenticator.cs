using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Identity;

/// <summary>Gets tokens from Keystone v3 (POST /v3/auth/tokens) for password, application-credential and token auth.</summary>
internal sealed class KeystoneAuthenticator
{
    private readonly HttpClient _client;
    private readonly CloudConfig _cloud;

    public KeystoneAuthenticator(HttpClient client, CloudConfig cloud)
    {
        _client = client;
        _cloud = cloud;
        IdentityUrl = NormaliseIdentityUrl(cloud.AuthUrl);
    }

    /// <summary>The auth URL with its version: ".../v3/".</summary>
    public Uri IdentityUrl { get; }

    public async Task<KeystoneToken> AuthenticateAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(IdentityUrl, "auth/tokens"))
        {
            Content = new StringContent(BuildRequest(_cloud).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Options.Set(RequestPolicy.Anonymous, true);
        // A second token request does no harm (Keystone issues another token), so a gateway answer or a
        // reset connection is retried like a read.
        request.Options.Set(RequestPolicy.Repeatable, true);
        log.Verbose($"Authenticating to {_cloud.Origin} at {IdentityUrl} ({_cloud.AuthType}).");
        using var response = await HttpSend.SendAsync(_client, request, "Keystone", log, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ApiErrors.FromResponseAsync("Keystone", response, _cloud.Secrets, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new OpenStackException(
                    OpenStackErrorKind.Authentication,
                    $"authentication to {_cloud.Origin} as {Who(_cloud)} failed ({_cloud.AuthType}): {error.ServiceMessage ?? "401 Unauthorized"}"
                        + (error.RequestId is null ? string.Empty : $" [request {error.RequestId}]"),
                    error)
                { Target = _cloud.Name };
            }

            throw error;
        }

        var subjectToken = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(subjectToken))
        {
            throw new OpenStackException(OpenStackErrorKind.Authentication, $"Keystone of {_cloud.Origin} answered without an X-Subject-Token header")
            { Target = _cloud.Name };
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ParseToken(subjectToken, document.RootElement.GetProperty("token"));
    }

    internal static Uri NormaliseIdentityUrl(Uri authUrl)
    {
        var text = authUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (text.EndsWith("/v2.0", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^"/v2.0".Length];
        }

        if (!text.EndsWith("/v3", StringComparison.OrdinalIgnoreCase))
        {
            text += "/v3";
        }

        return new Uri(text + "/");
    }

    /// <summary>The Keystone v3 auth request. The only place secrets are put on the wire.</summary>
    internal static JsonObject BuildRequest(CloudConfig cloud)
    {
        JsonObject identity;
        switch (cloud.AuthType)
        {
            case CloudAuthTypes.ApplicationCredential:
                var credential = new JsonObject { ["secret"] = cloud.ApplicationCredentialSecret };
                if (cloud.ApplicationCredentialId is { } id)
                {
                    credential["id"] = id;
                }
                else
                {
                    credential["name"] = cloud.ApplicationCredentialName;
                    credential["user"] = User(cloud);
                }

                // An application credential carries its own scope; Keystone refuses one in the request.
                return new JsonObject
                {
                    ["auth"] = new JsonObject
                    {
                        ["identity"] = new JsonObject
                        {
                            ["methods"] = new JsonArray("application_credential"),
                            ["application_credential"] = credential,
                        },
                    },
                };
            case CloudAuthTypes.Token:
                identity = new JsonObject
                {
                    ["methods"] = new JsonArray("token"),
                    ["token"] = new JsonObject { ["id"] = cloud.Token },
                };
                break;
            default:
                var user = User(cloud);
                user["password"] = cloud.Password;
                identity = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject { ["user"] = user },
                };
                break;
        }

        return new JsonObject { ["auth"] = new JsonObject { ["identity"] = identity, ["scope"] = Scope(cloud) } };
    }

    private static JsonObject User(CloudConfig cloud)
    {
        if (cloud.UserId is { } userId)
        {
            return new JsonObject { ["id"] = userId };
        }

        return new JsonObject { ["name"] = cloud.Username, ["domain"] = Domain(cloud.UserDomainId, cloud.UserDomainName) };
    }

    private static JsonObject Scope(CloudConfig cloud)
    {
        if (cloud.ProjectId is { } projectId)
        {
            return new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } };
        }

        if (cloud.ProjectName is { } projectName)
        {
            // Without a project domain, the user's domain is the usual intent (openstacksdk does the same).
            var domain = cloud.ProjectDomainId is not null || cloud.ProjectDomainName is not null
                ? Domain(cloud.ProjectDomainId, cloud.ProjectDomainName)
                : Domain(cloud.UserDomainId, cloud.UserDomainName);
            return new JsonObject { ["project"] = new JsonObject { ["name"] = projectName, ["domain"] = domain } };
        }

        return new JsonObject { ["domain"] = Domain(cloud.DomainId, cloud.DomainName) };
    }

    private static JsonObject Domain(string? id, string? name) =>
        id is not null ? new JsonObject { ["id"] = id }
        : name is not null ? new JsonObject { ["name"] = name }
        : new JsonObject { ["id"] = "default" };

    private static string Who(CloudConfig cloud) => cloud.AuthType == CloudAuthTypes.ApplicationCredential
        ? $"application credential '{cloud.ApplicationCredentialId ?? cloud.ApplicationCredentialName}'"
        : cloud.AuthType == CloudAuthTypes.Token ? "the given token" : $"user '{cloud.Username ?? cloud.UserId}'";

    internal static KeystoneToken ParseToken(string value, JsonElement token)
    {
        static string? Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var user = token.TryGetProperty("user", out var u) ? u : default;
        var project = token.TryGetProperty("project", out var p) ? p : default;
        var domain = token.TryGetProperty("domain", out var d) ? d : default;
        var roles = token.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => Str(x, "name")).OfType<string>().ToArray()
            : [];
        var catalog = new List<CatalogEndpoint>();
        if (token.TryGetProperty("catalog", out var services) && services.ValueKind == JsonValueKind.Array)
        {
            foreach (var service in services.EnumerateArray())
            {
                var type = Str(service, "type") ?? string.Empty;
                var name = Str(service, "name") ?? string.Empty;
                if (!service.TryGetProperty("endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var endpoint in endpoints.EnumerateArray())
                {
                    if (Uri.TryCreate(Str(endpoint, "url"), UriKind.Absolute, out var url))
                    {
                        catalog.Add(new CatalogEndpoint(type, name, Str(endpoint, "interface") ?? "public", Str(endpoint, "region_id") ?? Str(endpoint, "region"), url));
                    }
                }
            }
        }

        var expires = Str(token, "expires_at") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.UtcNow.AddHours(1);
        DateTimeOffset? issued = Str(token, "issued_at") is { } issuedText
            && DateTimeOffset.TryParse(issuedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var issuedAt)
            ? issuedAt
            : null;
        return new KeystoneToken
        {
            Value = value,
            ExpiresAt = expires,
            IssuedAt = issued,
            UserId = Str(user, "id"),
            UserName = Str(user, "name"),
            ProjectId = Str(project, "id"),
            ProjectName = Str(project, "name"),
            ProjectDomainId = project.ValueKind == JsonValueKind.Object && project.TryGetProperty("domain", out var pd) ? Str(pd, "id") : null,
            DomainId = Str(domain, "id"),
            Roles = roles,
            Catalog = catalog,
        };
    }
}
