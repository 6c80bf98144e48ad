using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Glance;

/// <summary>The Glance v2 API: images, tags, actions, import, staging/upload, members and discovery.</summary>
internal sealed partial class GlanceClient
{
    internal const string JsonPatchMediaType = "application/openstack-images-v2.1-json-patch";
    private const string Service = "Glance";

    private readonly HttpClient _client;
    private readonly Func<IEnumerable<string?>> _secrets;
    private readonly IOperationLog _log;
    private readonly GlanceApiCheck? _apiCheck;

    /// <param name="client">A client that adds the token (see TokenHandler).</param>
    /// <param name="baseUrl">The versioned endpoint, ending in "/v2/".</param>
    /// <param name="cloud">The cloud name stamped on every image read.</param>
    /// <param name="secrets">Values to mask in service messages.</param>
    /// <param name="log">Where the requests of this client are logged (debug lines, retries, token renewals).</param>
    /// <param name="apiCheck">When <paramref name="baseUrl"/> was assumed rather than named by the catalog: the check a doubtful answer runs.</param>
    public GlanceClient(HttpClient client, Uri baseUrl, string? cloud, Func<IEnumerable<string?>> secrets, IOperationLog? log = null, GlanceApiCheck? apiCheck = null)
    {
        _client = client;
        BaseUrl = baseUrl;
        Cloud = cloud;
        _secrets = secrets;
        _log = log ?? NullOperationLog.Instance;
        _apiCheck = apiCheck;
    }

    /// <summary>The same client, its requests logged to <paramref name="log"/>; cheap, the HTTP stack is shared.</summary>
    public GlanceClient WithLog(IOperationLog log) => new(_client, BaseUrl, Cloud, _secrets, log, _apiCheck);

    public Uri BaseUrl { get; }

    public string? Cloud { get; }

    /// <summary>All images matching <paramref name="query"/>, page by page following Glance's <c>next</c> marker.</summary>
    public async IAsyncEnumerable<GlanceImage> ListImagesAsync(ImageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queryString = query.ToQueryString();
        while (true)
        {
            using var document = await GetJsonAsync("images?" + queryString, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            foreach (var image in root.GetProperty("images").EnumerateArray())
            {
                yield return ImageJson.Parse(image, Cloud);
            }

            // The next link carries the marker; only its query is used, so a path prefix in front of
            // Glance (a proxy under /image) is kept.
            if (!root.TryGetProperty("next", out var next) || next.GetString() is not { Length: > 0 } link)
            {
                yield break;
            }

            var questionMark = link.IndexOf('?', StringComparison.Ordinal);
            if (questionMark < 0)
            {
                yield break;
            }

            queryString = link[(questionMark + 1)..];
        }
    }

    public async Task<GlanceImage> GetImageAsync(string id, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"images/{Escape(id)}", cancellationToken).ConfigureAwait(false);
        return ImageJson.Parse(document.RootElement, Cloud);
    }

    /// <summary>POST /v2/images. <paramref name="attributes"/> may hold a fixed "id", core attributes and properties.</summary>
    public async Task<GlanceImage> CreateImageAsync(JsonObject attributes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("images")) { Content = JsonContent(attributes) };
        using var document = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return ImageJson.Parse(document!.RootElement, Cloud);
    }

    /// <summary>All <paramref name="operations"/> in one PATCH request.</summary>
    public async Task<GlanceImage> UpdateImageAsync(string id, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken)
    {
        var body = new JsonArray(operations.Select(o => (JsonNode)o.ToJson()).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url($"images/{Escape(id)}"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonPatchMediaType);
        // Operations that only set values leave the same image when applied twice, so such a PATCH is
        // retried like a read; a "remove" applied twice is refused (the property is gone), so one with a
        // remove is sent once.
        var onlySets = operations.All(o => o.Op is "add" or "replace");
        request.Options.Set(RequestPolicy.Repeatable, onlySets);
        using var response = await HttpSend.SendAsync(_client, request, Service, _log, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ImageJson.Parse(document.RootElement, Cloud);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            // Glance answered 2xx, so the patch is applied; only its reply was cut short. The image as it is now says the rest.
            _log.Verbose($"The answer to PATCH images/{id} broke off after its status ({ex.Message}); reading the image instead.");
            return await GetImageAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DeleteImageAsync(string id, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Delete, $"images/{Escape(id)}", null, cancellationToken);

    /// <summary>
    /// A DELETE that was retried may find its target gone: the earlier attempt deleted it and only the
    /// answer was lost. That 404 is success; a 404 on the first attempt is still an error.
    /// </summary>
    private static bool DeletedByEarlierAttempt(HttpRequestMessage request, HttpResponseMessage response) =>
        request.Method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound
        && request.Options.TryGetValue(RequestPolicy.Attempts, out var attempts) && attempts > 1;

    public Task DeactivateAsync(string id, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Post, $"images/{Escape(id)}/actions/deactivate", null, cancellationToken);

    public Task ReactivateAsync(string id, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Post, $"images/{Escape(id)}/actions/reactivate", null, cancellationToken);

    public Task ImportAsync(string id, ImageImportRequest import, CancellationToken cancellationToken)
    {
        var method = new JsonObject { ["name"] = import.Method };
        if (import.Uri is { } uri)
        {
            method["uri"] = uri.AbsoluteUri;
        }

        var body = new JsonObject { ["method"] = method };
        if (import.AllStores)
        {
            body["all_stores"] = true;
            body["all_stores_must_succeed"] = import.AllStoresMustSucceed;
        }
        else if (import.Stores.Count > 0)
        {
            body["stores"] = new JsonArray(import.Stores.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
            body["all_stores_must_succeed"] = import.AllStoresMustSucceed;
        }

        return SendNoContentAsync(HttpMethod.Post, $"images/{Escape(id)}/import", JsonContent(body), cancellationToken);
    }

    /// <summary>PUT /v2/images/{id}/stage: the bytes for a later glance-direct import, streamed.</summary>
    public Task StageAsync(string id, Stream data, long? length, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Put, $"images/{Escape(id)}/stage", StreamBody(data, length), cancellationToken, longTransfer: true);

    /// <summary>PUT /v2/images/{id}/file: direct upload, streamed.</summary>
    public Task UploadAsync(string id, Stream data, long? length, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Put, $"images/{Escape(id)}/file", StreamBody(data, length), cancellationToken, longTransfer: true);

    /// <summary>The membership of <paramref name="memberId"/>, or null when the project is not a member.</summary>
    public async Task<GlanceImageMember?> GetMemberAsync(string imageId, string memberId, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await GetJsonAsync($"images/{Escape(imageId)}/members/{Escape(memberId)}", cancellationToken).ConfigureAwait(false);
            return ParseMember(document.RootElement);
        }
        catch (OpenStackApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<GlanceImageMember> AddMemberAsync(string imageId, string memberId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"images/{Escape(imageId)}/members"))
        {
            Content = JsonContent(new JsonObject { ["member"] = memberId }),
        };
        using var document = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return ParseMember(document!.RootElement);
    }

    public async Task<GlanceImageMember> UpdateMemberStatusAsync(string imageId, string memberId, string status, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Url($"images/{Escape(imageId)}/members/{Escape(memberId)}"))
        {
            Content = JsonContent(new JsonObject { ["status"] = status }),
        };
        using var document = await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return ParseMember(document!.RootElement);
    }

    public Task RemoveMemberAsync(string imageId, string memberId, CancellationToken cancellationToken) =>
        SendNoContentAsync(HttpMethod.Delete, $"images/{Escape(imageId)}/members/{Escape(memberId)}", null, cancellationToken);

    private GlanceImageMember ParseMember(JsonElement member)
    {
        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static DateTimeOffset? Date(string? text) => DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        return new GlanceImageMember
        {
            ImageId = Str(member, "image_id") ?? string.Empty,
            MemberId = Str(member, "member_id") ?? string.Empty,
            Status = Str(member, "status") ?? string.Empty,
            CreatedAt = Date(Str(member, "created_at")),
            UpdatedAt = Date(Str(member, "updated_at")),
            Cloud = Cloud,
        };
    }

    private async Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(relative));
        return (await SendForJsonAsync(request, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<JsonDocument?> SendForJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await HttpSend.SendAsync(_client, request, Service, _log, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task SendNoContentAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken, bool longTransfer = false)
    {
        using var request = new HttpRequestMessage(method, Url(relative)) { Content = content };
        if (longTransfer)
        {
            request.Options.Set(RequestPolicy.LongTransfer, true);
        }

        using var response = await HttpSend.SendAsync(_client, request, Service, _log, cancellationToken).ConfigureAwait(false);
        if (DeletedByEarlierAttempt(request, response))
        {
            _log.Verbose($"DELETE {relative}: gone when the request was repeated; an earlier attempt deleted it.");
            return;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            _apiCheck?.Confirm();
            return;
        }

        // A "not found" (or Glance's 300 for an unknown version) before anything succeeded may mean the
        // assumed v2 API is not there at all: that is the error to report, not the missing path.
        if (_apiCheck is { } check && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MultipleChoices)
        {
            await check.RequireV2Async(_client, _log, cancellationToken).ConfigureAwait(false);
        }

        throw await ApiErrors.FromResponseAsync(Service, response, _secrets(), cancellationToken).ConfigureAwait(false);
    }

    private Uri Url(string relative) => new(BaseUrl, relative);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static StreamContent StreamBody(Stream data, long? length)
    {
        var content = new StreamContent(data, 1024 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (length is { } l)
        {
            content.Headers.ContentLength = l;
        }

        return content;
    }
}
