using System.Diagnostics;
using System.Text;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Tests.Configuration;

/// <summary>
/// clouds.yaml and secure.yaml go through the one hardened YAML reader, and the settings that decide
/// whether TLS is checked accept only what they mean.
/// </summary>
public sealed class CloudYamlHardeningTests : CloudFilesTestBase
{
    [Fact]
    public void An_alias_bomb_in_clouds_yaml_fails_fast_at_its_position()
    {
        // Nine levels of nine aliases: 387 million nodes when expanded; it once grew to 2.8 GB.
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        text.Append("clouds:\n  prod:\n    auth: *a9\n");
        var file = Write("work/clouds.yaml", text.ToString());
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: aliases expand the document to more than 100,000 nodes", error.Message);
    }

    [Fact]
    public void An_alias_bomb_in_secure_yaml_fails_fast_at_its_position()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        text.Append("clouds:\n  prod:\n    auth: *a9\n");
        Write("work/clouds.yaml", SampleClouds);
        var secure = Write("work/secure.yaml", text.ToString());
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(secure)}:\d+:\d+: aliases expand the document to more than 100,000 nodes", error.Message);
    }

    [Fact]
    public void A_duplicate_key_in_clouds_yaml_is_refused_at_its_position()
    {
        var file = Write("work/clouds.yaml", Verify("true\n    verify: false"));

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.StartsWith($"{file}:12:5: duplicate key 'verify' (first defined at line 11)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_in_secure_yaml_is_refused_without_its_value()
    {
        Write("work/clouds.yaml", SampleClouds);
        var secure = Write("work/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: first-secret\n      password: second-secret\n");

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.StartsWith($"{secure}:5:7: duplicate key 'password'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message.Replace("duplicate key 'password'", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]   // YAML 1.1 booleans, as openstacksdk's PyYAML reads them
    [InlineData("yes", true)]
    [InlineData("off", false)]
    public void Verify_takes_yaml_booleans(string value, bool verify)
    {
        Write("work/clouds.yaml", Verify(value));

        Assert.Equal(verify, Loader().Load("prod").Verify);
    }

    [Theory]
    [InlineData("ture")]
    [InlineData("maybe")]
    [InlineData("/etc/ssl/certs/ca.pem")]
    [InlineData("'false'")]
    [InlineData("0")]
    public void Verify_refuses_anything_but_a_boolean_at_its_position(string value)
    {
        var file = Write("work/clouds.yaml", Verify(value));

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.StartsWith($"{file}:11:13: cloud 'prod': verify must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cacert_must_name_a_file_and_is_refused_at_its_position()
    {
        var file = Write("work/clouds.yaml", Verify($"true\n    cacert: {Path.Combine(Root, "missing.pem")}"));

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.StartsWith($"{file}:12:13: cloud 'prod': cacert '{Path.Combine(Root, "missing.pem")}' is not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cacert_that_is_a_directory_is_refused()
    {
        Write("work/clouds.yaml", Verify($"true\n    cacert: {Root}"));

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.Contains("is not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_readable_cacert_is_taken()
    {
        var ca = Write("work/ca.pem", "-----BEGIN CERTIFICATE-----\n");
        Write("work/clouds.yaml", Verify($"true\n    cacert: {ca}"));

        Assert.Equal(ca, Loader().Load("prod").CaCert);
    }

    [Fact]
    public void Os_cacert_must_name_a_file_too()
    {
        var error = Assert.Throws<CloudConfigException>(() => Loader(new()
        {
            ["OS_AUTH_URL"] = "http://keystone:5000/v3",
            ["OS_USERNAME"] = "u",
            ["OS_PASSWORD"] = "p",
            ["OS_PROJECT_NAME"] = "proj",
            ["OS_CACERT"] = Path.Combine(Root, "missing.pem"),
        }).Load(null));

        Assert.Contains("OS_* environment variables", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("      auth_url: https://keystone.example:5000", "      auth_url: https://ops:hunter2-secret@keystone.example:5000", "4:17", "auth.auth_url")]
    [InlineData("      auth_url: https://keystone.example:5000", "      auth_url: https://ops:hunter2-secret@@keystone.example:5000", "4:17", "auth.auth_url")]
    [InlineData("    image_endpoint_override: https://glance.example/v2", "    image_endpoint_override: https://ops:hunter2-secret@glance.example/v2", "12:30", "image_endpoint_override")]
    public void User_info_in_a_service_url_is_refused_at_its_position_without_the_password(string line, string withUserInfo, string position, string key)
    {
        var file = Write("work/clouds.yaml", Verify("true").Replace(line, withUserInfo, StringComparison.Ordinal));

        var error = Assert.Throws<CloudConfigException>(() => Loader().Load("prod"));

        Assert.Equal($"{file}:{position}: cloud 'prod': {key} must not contain user info (user:password@host); put the credentials in auth (username, password) or secure.yaml", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void User_info_in_os_auth_url_is_refused_without_the_password()
    {
        var error = Assert.Throws<CloudConfigException>(() => Loader(new()
        {
            ["OS_AUTH_URL"] = "http://ops:hunter2-secret@keystone:5000/v3",
            ["OS_USERNAME"] = "u",
            ["OS_PASSWORD"] = "p",
            ["OS_PROJECT_NAME"] = "proj",
        }).Load(null));

        Assert.Contains("auth.auth_url must not contain user info", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The sample clouds with prod's <c>verify</c> set to <paramref name="value"/> (line 11) and its password in secure.yaml.</summary>
    private string Verify(string value)
    {
        Write("work/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: pw\n");
        return SampleClouds.Replace("    verify: false", "    verify: " + value, StringComparison.Ordinal);
    }
}
