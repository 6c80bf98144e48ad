using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Identity;
using OpenStackImageManager.Engine.Operations;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenStackImageManager.Integration.Tests;

/// <summary>Keystone v3 against the real local Keystone: auth types, wrong secrets, token renewal.</summary>
[Collection(CloudCollection.Name)]
public sealed class AuthenticationTests(CloudFixture cloud, ITestOutputHelper output)
{
    [Fact]
    public async Task Password_auth_against_local_keystone_lists_images_from_local_glance()
    {
        using var scope = cloud.Requests.BeginScope();
        var images = await ImageOperations.GetAsync(cloud.P1Session, new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None);

        Assert.NotNull(images);
        Assert.Equal("oim-p1", cloud.P1Session.ProjectName);
        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/"), cloud.P1Session.ImageEndpoint);
        var get = Assert.Single(scope.Entries);
        Assert.Equal(("GET", "/v2/images", 200), (get.Method, get.Path, get.Status));
        output.WriteLine($"Get-GlanceImage (no filter): {scope.Entries.Count} request(s)\n{scope.Describe()}");
    }

    [Fact]
    public async Task An_image_endpoint_without_Glance_v2_is_reported_as_such_at_the_first_request()
    {
        // Keystone's root stands in for a wrong image_endpoint_override: it answers /v2/images with 404 and
        // its version document lists no v2.
        var config = TestCloud.Config("oim-p2");
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(config with { ImageEndpointOverride = new Uri(config.AuthUrl.GetLeftPart(UriPartial.Authority)) }, log);
        try
        {
            var error = await Assert.ThrowsAsync<OpenStackException>(() =>
                ImageOperations.GetAsync(session.ToModel(), new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None));

            output.WriteLine(error.Message + "\n" + string.Join('\n', log.All.Select(r => $"{r.Method} {r.Path} → {r.Status}")));
            Assert.Equal(OpenStackErrorKind.Configuration, error.Kind);
            Assert.Contains("offers no Glance v2 API", error.Message, StringComparison.Ordinal);
            Assert.Equal(
                ["POST /v3/auth/tokens 201", "GET /v2/images 404", "GET / 300"],
                log.All.Select(r => $"{r.Method} {r.Path} {r.Status}").ToArray());
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    [Fact]
    public async Task A_not_found_before_anything_succeeded_reads_the_version_document_once_and_stays_a_not_found()
    {
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(TestCloud.Config("oim-p2"), log);
        try
        {
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var error = await Assert.ThrowsAsync<OpenStackApiException>(() =>
                    session.Glance.GetImageAsync(Guid.NewGuid().ToString(), CancellationToken.None));
                Assert.Equal(HttpStatusCode.NotFound, error.Status);
            }

            output.WriteLine(string.Join('\n', log.All.Select(r => $"{r.Method} {r.Path} → {r.Status}")));
            Assert.Equal(
                ["POST /v3/auth/tokens 201", "GET /v2/images/{id} 404", "GET / 300", "GET /v2/images/{id} 404"],
                log.All.Select(r => $"{r.Method} {(r.Path.StartsWith("/v2/images/", StringComparison.Ordinal) ? "/v2/images/{id}" : r.Path)} {r.Status}").ToArray());
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    [Fact]
    public async Task Application_credential_created_through_keystone_authenticates_and_lists_images()
    {
        var p1 = cloud.P1;
        var name = $"oim-it-{TestCloud.RunId}-{Guid.NewGuid().ToString("N")[..6]}";
        var created = await KeystoneAsync(p1, HttpMethod.Post, $"users/{p1.Token.UserId}/application_credentials",
            new JsonObject { ["application_credential"] = new JsonObject { ["name"] = name } });
        var credential = created!.RootElement.GetProperty("application_credential");
        var id = credential.GetProperty("id").GetString()!;
        var secret = credential.GetProperty("secret").GetString()!;
        try
        {
            var config = TestCloud.Config("oim-p1") with
            {
                AuthType = CloudAuthTypes.ApplicationCredential,
                ApplicationCredentialId = id,
                ApplicationCredentialSecret = secret,
                Password = null,
            };
            var session = await TestCloud.ConnectAsync(config);
            try
            {
                Assert.Equal(p1.Token.ProjectId, session.Token.ProjectId);
                var images = await ImageOperations.GetAsync(session.ToModel(), new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None);
                Assert.NotNull(images);
            }
            finally
            {
                SessionRegistry.Disconnect(session.ToModel());
            }

            var wrong = config with { ApplicationCredentialSecret = "not-the-" + secret };
            var error = await Assert.ThrowsAsync<OpenStackException>(() => TestCloud.ConnectAsync(wrong));
            Assert.Equal(OpenStackErrorKind.Authentication, error.Kind);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            (await KeystoneAsync(p1, HttpMethod.Delete, $"users/{p1.Token.UserId}/application_credentials/{id}", null))?.Dispose();
        }
    }

    [Fact]
    public async Task Wrong_password_gives_an_authentication_error_that_names_the_cloud_and_hides_the_password()
    {
        const string wrongPassword = "Wr0ng-P4ssw0rd-4711";
        var config = TestCloud.Config("oim-p1") with { Password = wrongPassword };
        var log = new CollectingLog();

        var error = await Assert.ThrowsAsync<OpenStackException>(() => TestCloud.ConnectAsync(config, operationLog: log));

        Assert.Equal(OpenStackErrorKind.Authentication, error.Kind);
        Assert.Contains("oim-p1", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestCloud.CloudsFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("oim-u1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, log.Text, StringComparison.Ordinal);
        output.WriteLine(error.Message);
    }

    [Fact]
    public async Task Debug_output_of_an_authentication_shows_neither_the_password_nor_the_token()
    {
        var config = TestCloud.Config("oim-p2");
        var log = new CollectingLog();
        Engine.Sessions.CloudSession session;
        session = await TestCloud.ConnectAsync(config, operationLog: log);
        await ImageOperations.GetAsync(session.ToModel(), new ImageListRequest(), log, CancellationToken.None);

        try
        {
            Assert.Contains(log.Messages, m => m.Contains("/v3/auth/tokens", StringComparison.Ordinal));
            Assert.Contains(log.Messages, m => m.Contains("X-Subject-Token: ***", StringComparison.Ordinal));
            Assert.Contains(log.Messages, m => m.Contains("X-Auth-Token: ***", StringComparison.Ordinal));
            Assert.Contains(log.Messages, m => m.Contains("\"password\":\"***\"", StringComparison.Ordinal));
            Assert.DoesNotContain(session.Token.Value, log.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(config.Password!, log.Text, StringComparison.Ordinal);
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    [Fact]
    public async Task A_refused_token_is_renewed_once_and_the_request_repeated()
    {
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(TestCloud.Config("oim-p1"), log);
        try
        {
            var issued = session.Tokens.Issued;
            session.Tokens.Replace(session.Token with { Value = "gAAAAAB-not-a-valid-token" });
            using var scope = log.BeginScope();

            var images = await ImageOperations.GetAsync(session.ToModel(), new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None);

            Assert.NotNull(images);
            Assert.Equal(issued + 1, session.Tokens.Issued);
            Assert.Equal(
                ["GET /v2/images 401", "POST /v3/auth/tokens 201", "GET /v2/images 200"],
                scope.Entries.Select(e => $"{e.Method} {e.Path} {e.Status}"));
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_renewed_before_the_request()
    {
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(TestCloud.Config("oim-p1"), log);
        try
        {
            // An hour-long token with one minute left: renewed (a tenth of its lifetime, at most five minutes, is the margin).
            session.Tokens.Replace(session.Token with { IssuedAt = DateTimeOffset.UtcNow.AddMinutes(-59), ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1) });
            using var scope = log.BeginScope();

            await ImageOperations.GetAsync(session.ToModel(), new ImageListRequest(), NullOperationLog.Instance, CancellationToken.None);

            Assert.Equal(["POST /v3/auth/tokens 201", "GET /v2/images 200"], scope.Entries.Select(e => $"{e.Method} {e.Path} {e.Status}"));
            Assert.True(session.Token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(10));
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    [Fact]
    public async Task A_token_the_services_keep_refusing_fails_after_one_renewal_instead_of_looping()
    {
        var log = new RequestLog();
        var session = await TestCloud.ConnectAsync(TestCloud.Config("oim-p1"), log);
        try
        {
            // A Keystone that keeps issuing tokens Glance refuses: renewal must happen once per request, not forever.
            var refused = session.Token with { Value = "gAAAAAB-refused" };
            using var tokens = new TokenManager((_, _) => Task.FromResult(refused with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) }));
            using var client = session.Http.CreateClient(new TokenHandler(tokens));
            var glance = new GlanceClient(client, session.Glance.BaseUrl, "oim-p1", () => []);
            using var scope = log.BeginScope();

            var error = await Assert.ThrowsAsync<OpenStackApiException>(async () =>
                await glance.ListImagesAsync(new ImageQuery(), CancellationToken.None).ToListAsync());

            Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
            Assert.Equal(OpenStackErrorKind.Authentication, error.Kind);
            Assert.Equal(2, scope.Count("GET", "/v2/images"));
            Assert.Equal(2, tokens.Issued);
        }
        finally
        {
            SessionRegistry.Disconnect(session.ToModel());
        }
    }

    private static async Task<JsonDocument?> KeystoneAsync(Engine.Sessions.CloudSession session, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(session.Authenticator.IdentityUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await session.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode == HttpStatusCode.NoContent ? null : JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
