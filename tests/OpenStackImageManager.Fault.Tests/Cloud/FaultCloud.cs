using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenStackImageManager.Fault.Tests.Proxy;

namespace OpenStackImageManager.Fault.Tests.Cloud;

/// <summary>
/// The suite's project on the local test cloud (oim-p5, tests/cloud/start.sh) and the two proxies in
/// front of its Keystone and Glance. Writes a clouds.yaml with two clouds: <see cref="FaultyCloud"/>
/// (auth_url and image_endpoint_override through the proxies) and <see cref="DirectCloud"/> (the cloud
/// itself, for clean reruns). Reads the project's images straight from Glance, never through a proxy.
/// </summary>
public sealed class FaultCloud : IDisposable
{
    public const string Project = "oim-p5";
    public const string User = "oim-u5";
    public const string FaultyCloud = "oim-fault";
    public const string DirectCloud = "oim-p5";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private string? _token;

    public FaultCloud(string work)
    {
        var generated = Environment.GetEnvironmentVariable("OS_CLIENT_CONFIG_FILE");
        if (Environment.GetEnvironmentVariable("OIM_TESTCLOUD") != "1" || string.IsNullOrEmpty(generated) || !File.Exists(generated))
        {
            throw new InvalidOperationException("The fault suite needs the local test cloud: bash tests/cloud/start.sh, then . /var/tmp/oim-testcloud/env.sh");
        }

        KeystoneUrl = new Uri((Environment.GetEnvironmentVariable("OIM_KEYSTONE_URL") ?? "http://127.0.0.1:5000/v3").TrimEnd('/') + "/");
        GlanceUrl = new Uri((Environment.GetEnvironmentVariable("OIM_GLANCE_URL") ?? "http://127.0.0.1:9292").TrimEnd('/') + "/");
        Password = PasswordOf(generated, DirectCloud)
            ?? throw new InvalidOperationException($"{generated} has no cloud {DirectCloud}: run bash tests/cloud/start.sh (it provisions {Project}).");
        Keystone = new FaultProxy(new Uri($"{KeystoneUrl.Scheme}://{KeystoneUrl.Authority}/"));
        Glance = new FaultProxy(GlanceUrl);
        CloudsFile = Path.Combine(work, "clouds.yaml");
        var keystonePath = KeystoneUrl.AbsolutePath.TrimEnd('/');
        File.WriteAllText(CloudsFile, $"""
            clouds:
            {Entry(FaultyCloud, new Uri(Keystone.Url, keystonePath).AbsoluteUri, Glance.Url.AbsoluteUri.TrimEnd('/'))}
            {Entry(DirectCloud, KeystoneUrl.AbsoluteUri.TrimEnd('/'), null)}
            """);
    }

    public Uri KeystoneUrl { get; }

    public Uri GlanceUrl { get; }

    /// <summary>The project user's password: it must never appear in any output.</summary>
    public string Password { get; }

    public FaultProxy Keystone { get; }

    public FaultProxy Glance { get; }

    public string CloudsFile { get; }

    /// <summary>Every token seen: the proxies' and the checker's own.</summary>
    public IEnumerable<string> Tokens => Keystone.Tokens.Keys.Concat(Glance.Tokens.Keys).Concat(_token is null ? [] : [_token]).Distinct();

    /// <summary>Sets the schedule of both proxies for the next run.</summary>
    public void Use(FaultPlan plan)
    {
        Keystone.Plan = plan;
        Glance.Plan = plan;
    }

    /// <summary>Every image carrying <paramref name="tag"/>, the visible and the os_hidden ones.</summary>
    public async Task<IReadOnlyList<CloudImage>> ImagesAsync(string tag)
    {
        var images = new Dictionary<string, CloudImage>(StringComparer.Ordinal);
        foreach (var hidden in new[] { false, true })
        {
            string? next = $"v2/images?tag={Uri.EscapeDataString(tag)}&limit=200{(hidden ? "&os_hidden=true" : "")}";
            while (next is not null)
            {
                using var json = JsonDocument.Parse(await SendAsync(HttpMethod.Get, next, null));
                foreach (var image in json.RootElement.GetProperty("images").EnumerateArray())
                {
                    var parsed = CloudImage.From(image);
                    images[parsed.Id] = parsed;
                }

                next = json.RootElement.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString()!.TrimStart('/') : null;
            }
        }

        return [.. images.Values];
    }

    /// <summary>
    /// Deletes every image of the tag (a scenario's own) and the tool's lease records of that tag (images
    /// tagged <c>oim_lease:&lt;tag&gt;</c>), retrying Glance's occasional 500 after an import.
    /// </summary>
    public async Task DeleteAllAsync(string tag)
    {
        foreach (var image in (await ImagesAsync(tag)).Concat(await ImagesAsync("oim_lease:" + tag)))
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                try
                {
                    await SendAsync(HttpMethod.Delete, $"v2/images/{image.Id}", null);
                    break;
                }
                catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    break;
                }
                catch (HttpRequestException) when (attempt < 5)
                {
                    await Task.Delay(500 * attempt);
                }
            }
        }
    }

    /// <summary>
    /// Ends the catalog leases a killed run left live (the tool's lease records: hidden images tagged
    /// <c>oim_lease:&lt;tag&gt;</c> whose <c>oim_lease_expires</c> lies ahead): their expiry is set to now. This
    /// stands in for the lease duration passing (minutes) between a crash and the next scheduled run, which
    /// the suite cannot wait for; what the next run must then do (take the lease over, clean up after the
    /// dead run) is unchanged. Returns how many leases it ended; none where the tool takes no lease.
    /// </summary>
    public async Task<int> ExpireLeasesAsync(string tag)
    {
        var now = DateTimeOffset.UtcNow;
        var ended = 0;
        foreach (var lease in await ImagesAsync("oim_lease:" + tag))
        {
            if (lease.Property("oim_lease_released") == "true"
                || lease.Property("oim_lease_expires") is not { } text
                || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expires)
                || expires <= now)
            {
                continue;
            }

            var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/oim_lease_expires", ["value"] = now.AddSeconds(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) });
            await SendAsync(HttpMethod.Patch, $"v2/images/{lease.Id}", patch, "application/openstack-images-v2.1-json-patch");
            ended++;
        }

        return ended;
    }

    public void Dispose()
    {
        Keystone.Dispose();
        Glance.Dispose();
        _http.Dispose();
    }

    private async Task<string> SendAsync(HttpMethod method, string path, JsonNode? body, string contentType = "application/json", bool renewed = false)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(GlanceUrl, path));
        request.Headers.Add("X-Auth-Token", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && !renewed)
        {
            _token = null;
            return await SendAsync(method, path, body, contentType, renewed: true);
        }

        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode}", null, response.StatusCode);
        }

        return text;
    }

    private async Task<string> TokenAsync()
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = User, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = Password } },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = Project, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(KeystoneUrl, "auth/tokens")) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    private string Entry(string name, string authUrl, string? imageEndpoint)
    {
        var entry = $"""
              {name}:
                auth_type: password
                auth:
                  auth_url: {authUrl}
                  username: {User}
                  password: {Password}
                  project_name: {Project}
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: public
                identity_api_version: 3
            """;
        return imageEndpoint is null ? entry : entry + $"\n    image_endpoint_override: {imageEndpoint}";
    }

    /// <summary>The password of one cloud of the generated clouds.yaml (its format is start.sh's, so a line scan is enough).</summary>
    private static string? PasswordOf(string file, string cloud)
    {
        var inCloud = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                inCloud = line.Trim() == cloud + ":";
            }
            else if (inCloud && line.TrimStart().StartsWith("password:", StringComparison.Ordinal))
            {
                return line.TrimStart()["password:".Length..].Trim();
            }
        }

        return null;
    }
}
