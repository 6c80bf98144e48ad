using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Http;

namespace OpenStackImageManager.Engine.Tests.Http;

/// <summary>
/// A web-download import sends the URL Glance fetches in its body: a presigned mirror URL or one with
/// user info is a credential, so neither the debug log nor an error that echoes it may show it.
/// </summary>
public sealed class ImportUrlRedactionTests
{
    private const string Signed = "https://s3.example/images/ubuntu.img?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA1234%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef0123456789abcdef&X-Amz-Expires=3600";
    private const string WithUser = "https://mirror-user:mirror-p4ss@mirror.example/ubuntu.img";

    [Theory]
    [InlineData(Signed, "0123456789abcdef0123456789abcdef")]
    [InlineData(Signed, "AKIA1234")]
    [InlineData(WithUser, "mirror-p4ss")]
    public async Task The_debug_log_and_the_error_of_a_web_download_import_hide_the_credential_in_its_url(string url, string secret)
    {
        var log = new CollectingLog();
        var echo = ScriptedHandler.Status(400, body: $$"""{"message": "URI {{url}} is not allowed", "code": "400 Bad Request"}""");
        using var client = new HttpClient(new DebugLogHandler { InnerHandler = new ScriptedHandler(echo) });
        var glance = new GlanceClient(client, new Uri("http://glance.example/v2/"), "c", () => [], log);

        var error = await Assert.ThrowsAsync<OpenStackApiException>(() =>
            glance.ImportAsync("id", new ImageImportRequest { Method = "web-download", Uri = new Uri(url) }, CancellationToken.None));

        var debug = string.Join("\n", log.DebugLines);
        Assert.Contains("web-download", debug, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, debug, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, debug, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("see https://u:p4ss@h.example/x and more", "see https://***@h.example/x and more")]
    [InlineData("GET https://h/x?a=1&X-Amz-Signature=abc&b=2", "GET https://h/x?a=1&X-Amz-Signature=***&b=2")]
    [InlineData("""{"uri":"https://h/x?temp_url_sig=abc\u0026temp_url_expires=1"}""", """{"uri":"https://h/x?temp_url_sig=***\u0026temp_url_expires=1"}""")]
    [InlineData("plain https://h.example/image.img?version=2", "plain https://h.example/image.img?version=2")]
    public void Urls_lose_user_info_and_signatures_only(string text, string expected) =>
        Assert.Equal(expected, Redaction.RedactUrls(text));
}
