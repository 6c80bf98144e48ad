using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Http;
using OpenStackImageManager.Engine.Identity;

namespace OpenStackImageManager.Engine.Tests.Http;

public sealed class RedactionTests
{
    [Fact]
    public void Auth_request_bodies_lose_passwords_secrets_and_tokens()
    {
        var password = Cloud() with { Password = "pw-123456" };
        var appcred = Cloud() with { AuthType = CloudAuthTypes.ApplicationCredential, ApplicationCredentialId = "id", ApplicationCredentialSecret = "sec-987654" };
        var token = Cloud() with { AuthType = CloudAuthTypes.Token, Token = "gAAAAA-token" };

        foreach (var (config, secret) in new[] { (password, "pw-123456"), (appcred, "sec-987654"), (token, "gAAAAA-token") })
        {
            var body = KeystoneAuthenticator.BuildRequest(config).ToJsonString();
            Assert.Contains(secret, body, StringComparison.Ordinal);
            var redacted = Redaction.RedactBody(body);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
            Assert.Contains(Redaction.Mask, redacted, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("X-Auth-Token")]
    [InlineData("x-subject-token")]
    [InlineData("Authorization")]
    public void Token_headers_are_secret(string header) => Assert.True(Redaction.IsSecretHeader(header));

    [Fact]
    public void Known_secret_values_are_masked_in_service_messages() =>
        Assert.Equal("bad credential *** for user", Redaction.RedactValues("bad credential s3cr3t for user", ["s3cr3t", null]));

    [Theory]
    [InlineData("""{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}""", "The request you have made requires authentication.")]
    [InlineData("""{"message": "Image 1 could not be found.<br /><br />", "code": "404 Not Found"}""", "Image 1 could not be found.")]
    [InlineData("<html>\n <head>\n  <title>403 Forbidden</title>\n </head>\n <body>\n  <h1>403 Forbidden</h1>\n  Image is protected<br /><br />\n </body>\n</html>", "Image is protected")]
    [InlineData("409 Conflict\n\nImage with identifier x already exists!\n\n   ", "Image with identifier x already exists!")]
    [InlineData("", null)]
    public void The_service_message_is_found_in_Keystone_and_Glance_bodies(string body, string? expected) =>
        Assert.Equal(expected, ApiErrors.ServiceMessage(body));

    private static CloudConfig Cloud() => new()
    {
        Name = "c",
        AuthUrl = new Uri("http://k/v3"),
        Username = "u",
        ProjectName = "p",
    };
}
