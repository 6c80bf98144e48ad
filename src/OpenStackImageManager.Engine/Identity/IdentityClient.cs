using System.Net;
using System.Text.Json;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Identity;

internal sealed record KeystoneProject(string Id, string Name, string? DomainId);

internal sealed record KeystoneDomain(string Id, string Name);

/// <summary>Keystone v3 look-ups for sharing: projects and domains by name or id.</summary>
internal sealed class IdentityClient
{
    private const string Service = "Keystone";
    private readonly HttpClient _client;
    private readonly Uri _identityUrl;
    private readonly IOperationLog _log;

    public IdentityClient(HttpClient client, Uri identityUrl, IOperationLog? log = null)
    {
        _client = client;
        _identityUrl = identityUrl;
        _log = log ?? NullOperationLog.Instance;
    }

    /// <summary>The same client, its requests logged to <paramref name="log"/>.</summary>
    public IdentityClient WithLog(IOperationLog log) => new(_client, _identityUrl, log);

    /// <summary>A project by id (no request) or by name (in <paramref name="domainId"/> when given).</summary>
    public async Task<KeystoneProject> FindProjectAsync(string nameOrId, string? domainId, CancellationToken cancellationToken)
    {
        if (LooksLikeId(nameOrId))
        {
            // Taken as it is: ordinary users may not read other projects, and Glance accepts any id.
            return new KeystoneProject(nameOrId, nameOrId, domainId);
        }

        var query = "projects?name=" + Uri.EscapeDataString(nameOrId) + (domainId is null ? string.Empty : "&domain_id=" + Uri.EscapeDataString(domainId));
        using var list = await GetForLookupAsync(query, $"project '{nameOrId}'", cancellationToken).ConfigureAwait(false);
        var found = list.RootElement.GetProperty("projects").EnumerateArray().Select(ParseProject).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new OpenStackException(OpenStackErrorKind.NotFound, $"project '{nameOrId}' was not found{(domainId is null ? string.Empty : $" in domain {domainId}")}") { Target = nameOrId },
            _ => throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"project name '{nameOrId}' is in several domains ({string.Join(", ", found.Select(p => p.DomainId))}); give the project id") { Target = nameOrId },
        };
    }

    public async Task<KeystoneDomain> FindDomainAsync(string nameOrId, CancellationToken cancellationToken)
    {
        try
        {
            using var byId = await GetJsonAsync($"domains/{Uri.EscapeDataString(nameOrId)}", cancellationToken).ConfigureAwait(false);
            return ParseDomain(byId.RootElement.GetProperty("domain"));
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
        }

        using var list = await GetForLookupAsync("domains?name=" + Uri.EscapeDataString(nameOrId), $"domain '{nameOrId}'", cancellationToken).ConfigureAwait(false);
        var found = list.RootElement.GetProperty("domains").EnumerateArray().Select(ParseDomain).ToList();
        return found.Count == 1
            ? found[0]
            : throw new OpenStackException(OpenStackErrorKind.NotFound, $"domain '{nameOrId}' was not found") { Target = nameOrId };
    }

    public async Task<IReadOnlyList<KeystoneProject>> ListProjectsInDomainAsync(string domainId, CancellationToken cancellationToken)
    {
        using var list = await GetForLookupAsync("projects?domain_id=" + Uri.EscapeDataString(domainId), $"the projects of domain {domainId}", cancellationToken).ConfigureAwait(false);
        return list.RootElement.GetProperty("projects").EnumerateArray().Select(ParseProject).ToArray();
    }

    /// <summary>Keystone project ids are 32 hex digits (or a UUID form).</summary>
    internal static bool LooksLikeId(string value) =>
        (value.Length == 32 && value.All(Uri.IsHexDigit)) || Guid.TryParse(value, out _);

    private async Task<JsonDocument> GetForLookupAsync(string relative, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await GetJsonAsync(relative, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            throw new OpenStackException(
                OpenStackErrorKind.PermissionDenied,
                $"this session may not look up {what} in Keystone (403); give project ids instead of names, or use an admin session",
                ex);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_identityUrl, relative));
        using var response = await HttpSend.SendAsync(_client, request, Service, _log, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiErrors.FromResponseAsync(Service, response, [], cancellationToken).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static KeystoneProject ParseProject(JsonElement p) => new(
        p.GetProperty("id").GetString() ?? string.Empty,
        p.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty,
        p.TryGetProperty("domain_id", out var d) ? d.GetString() : null);

    private static KeystoneDomain ParseDomain(JsonElement d) => new(
        d.GetProperty("id").GetString() ?? string.Empty,
        d.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty);
}
