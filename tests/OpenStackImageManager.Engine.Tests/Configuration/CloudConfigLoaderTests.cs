using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Tests.Configuration;

public sealed class CloudConfigLoaderTests : CloudFilesTestBase
{
    [Fact]
    public void A_named_cloud_merges_secure_yaml_and_reads_the_openstacksdk_keys()
    {
        Write("work/clouds.yaml", SampleClouds);
        Write("work/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: from-secure\n");

        var config = Loader().Load("prod");

        Assert.Equal(("prod", Path.Combine(Root, "work", "clouds.yaml")), (config.Name, config.SourceFile));
        Assert.Equal(("ops", "from-secure", "images"), (config.Username, config.Password, config.ProjectName));
        Assert.Equal(("north", "internal", false), (config.RegionName, config.Interface, config.Verify));
        Assert.Equal(new Uri("https://glance.example/v2"), config.ImageEndpointOverride);
        Assert.Equal(CloudAuthTypes.Password, config.AuthType);
        Assert.DoesNotContain("from-secure", config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Os_client_config_file_wins_over_the_current_directory_and_os_cloud_names_the_cloud()
    {
        Write("work/clouds.yaml", "clouds: {}\n");
        Write("elsewhere/my-clouds.yaml", SampleClouds);
        Write("elsewhere/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: x\n");

        var config = Loader(new()
        {
            ["OS_CLIENT_CONFIG_FILE"] = Path.Combine(Root, "elsewhere", "my-clouds.yaml"),
            ["OS_CLIENT_SECURE_FILE"] = Path.Combine(Root, "elsewhere", "secure.yaml"),
            ["OS_CLOUD"] = "prod",
        }).Load(null);

        Assert.Equal("prod", config.Name);
        Assert.EndsWith("my-clouds.yaml", config.SourceFile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_config_directory_is_searched_after_the_current_directory()
    {
        Write("home/.config/openstack/clouds.yaml", SampleClouds.Replace("prod:", "home:", StringComparison.Ordinal));

        var loader = Loader();

        Assert.Contains("home", loader.CloudNames());
        Assert.EndsWith(Path.Combine(".config", "openstack", "clouds.yaml"), loader.CloudsFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_and_interface_arguments_override_the_cloud()
    {
        Write("work/clouds.yaml", SampleClouds);
        Write("work/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: x\n");

        var config = Loader().Load("prod", "south", "admin");

        Assert.Equal(("south", "admin"), (config.RegionName, config.Interface));
    }

    [Fact]
    public void Application_credential_and_token_auth_types_are_read()
    {
        Write("work/clouds.yaml", SampleClouds);

        var appcred = Loader().Load("appcred");
        var token = Loader().Load("tokenauth");

        Assert.Equal((CloudAuthTypes.ApplicationCredential, "abc", "s3cr3t-value"), (appcred.AuthType, appcred.ApplicationCredentialId, appcred.ApplicationCredentialSecret));
        Assert.Equal((CloudAuthTypes.Token, "tok"), (token.AuthType, token.Token));
    }

    [Fact]
    public void Plain_os_variables_make_a_cloud_when_no_name_is_given()
    {
        var caCert = Write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
        var config = Loader(new()
        {
            ["OS_AUTH_URL"] = "http://keystone:5000/v3",
            ["OS_USERNAME"] = "u",
            ["OS_PASSWORD"] = "p",
            ["OS_PROJECT_NAME"] = "proj",
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_REGION_NAME"] = "r1",
            ["OS_INTERFACE"] = "internal",
            ["OS_INSECURE"] = "true",
            ["OS_CACERT"] = caCert,
        }).Load(null);

        Assert.Equal((CloudConfigLoader.EnvironmentCloudName, null), (config.Name, config.SourceFile));
        Assert.Equal(("u", "p", "proj", "r1", "internal"), (config.Username, config.Password, config.ProjectName, config.RegionName, config.Interface));
        Assert.False(config.Verify);
        Assert.Equal(caCert, config.CaCert);
        Assert.Contains("OS_* environment variables", config.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cloud_names_the_file_and_the_clouds_it_has()
    {
        Write("work/clouds.yaml", SampleClouds);

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("staging"));

        Assert.Contains("'staging'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Root, "work", "clouds.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("prod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_password_says_which_cloud_file_and_key()
    {
        Write("work/clouds.yaml", SampleClouds);

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.Contains("cloud 'prod' in " + Path.Combine(Root, "work", "clouds.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("auth.password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_auth_type_is_named()
    {
        Write("work/clouds.yaml", SampleClouds);

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("weird"));

        Assert.Contains("auth_type 'oidc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_gives_file_line_and_column()
    {
        Write("work/clouds.yaml", "clouds:\n  prod:\n    auth: [unclosed\n");

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.Matches(@"clouds\.yaml:\d+:\d+: YAML syntax", error.Message);
    }

    [Fact]
    public void No_cloud_and_no_variables_explains_the_three_ways()
    {
        var error = Assert.Throws<CloudConfigException>(() => Loader().Load(null));

        Assert.Contains("-Cloud", error.Message, StringComparison.Ordinal);
        Assert.Contains("OS_CLOUD", error.Message, StringComparison.Ordinal);
        Assert.Contains("OS_AUTH_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_image_api_v2_is_accepted()
    {
        Write("work/clouds.yaml", SampleClouds.Replace("    verify: false", "    verify: false\n    image_api_version: '1'", StringComparison.Ordinal));
        Write("work/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: x\n");

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.Contains("image_api_version '1'", error.Message, StringComparison.Ordinal);
    }
}
