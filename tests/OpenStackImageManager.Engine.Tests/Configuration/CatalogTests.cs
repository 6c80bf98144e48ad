using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Identity;

namespace OpenStackImageManager.Engine.Tests.Configuration;

public sealed class CatalogTests
{
    private static readonly CatalogEndpoint[] s_catalog =
    [
        new("image", "glance", "public", "north", new Uri("https://glance-north.example")),
        new("image", "glance", "internal", "north", new Uri("http://glance-north.internal:9292")),
        new("image", "glance", "public", "south", new Uri("https://glance-south.example/image")),
        new("identity", "keystone", "public", "north", new Uri("https://keystone.example/v3")),
    ];

    [Theory]
    [InlineData("north", "public", "https://glance-north.example/")]
    [InlineData("north", "internal", "http://glance-north.internal:9292/")]
    [InlineData("south", "public", "https://glance-south.example/image")]
    public void The_endpoint_follows_region_and_interface(string region, string endpointInterface, string expected) =>
        Assert.Equal(new Uri(expected), ServiceCatalog.FindEndpoint(s_catalog, "image", Cloud() with { RegionName = region, Interface = endpointInterface }));

    [Fact]
    public void Several_regions_without_a_choice_is_an_error_listing_them()
    {
        var error = Assert.Throws<CloudConfigException>(() => ServiceCatalog.FindEndpoint(s_catalog, "image", Cloud()));

        Assert.Contains("region_name", error.Message, StringComparison.Ordinal);
        Assert.Contains("public@south", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_service_names_what_the_catalog_has()
    {
        var error = Assert.Throws<CloudConfigException>(() => ServiceCatalog.FindEndpoint(s_catalog[3..], "image", Cloud()));

        Assert.Contains("has no 'image' service (it has: identity)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://k:5000", "http://k:5000/v3/")]
    [InlineData("http://k:5000/v3", "http://k:5000/v3/")]
    [InlineData("https://k/identity/v2.0/", "https://k/identity/v3/")]
    public void The_auth_url_gets_its_v3(string authUrl, string expected) =>
        Assert.Equal(new Uri(expected), KeystoneAuthenticator.NormaliseIdentityUrl(new Uri(authUrl)));

    [Theory]
    [InlineData("http://g:9292", "http://g:9292/v2/")]
    [InlineData("http://g/image/", "http://g/image/v2/")]
    [InlineData("http://g:9292/v2", "http://g:9292/v2/")]
    [InlineData("http://g/image/v2.16/", "http://g/image/v2.16/")]
    public void An_image_endpoint_without_a_version_is_used_with_v2_below_it(string url, string expected) =>
        Assert.Equal(new Uri(expected), GlanceDiscovery.BaseUrl(new Uri(url)));

    [Fact]
    public void Project_names_are_scoped_to_the_user_domain_when_no_project_domain_is_given()
    {
        var body = KeystoneAuthenticator.BuildRequest(Cloud() with { Password = "p", UserDomainName = "Corp" }).ToJsonString();

        Assert.Contains("\"scope\":{\"project\":{\"name\":\"p1\",\"domain\":{\"name\":\"Corp\"}}}", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_credentials_send_no_scope()
    {
        var body = KeystoneAuthenticator.BuildRequest(Cloud() with { AuthType = CloudAuthTypes.ApplicationCredential, ApplicationCredentialId = "ac", ApplicationCredentialSecret = "s" }).ToJsonString();

        Assert.DoesNotContain("scope", body, StringComparison.Ordinal);
        Assert.Contains("\"application_credential\":{\"secret\":\"s\",\"id\":\"ac\"}", body, StringComparison.Ordinal);
    }

    private static CloudConfig Cloud() => new() { Name = "c", AuthUrl = new Uri("http://k/v3"), Username = "u", ProjectName = "p1" };
}
