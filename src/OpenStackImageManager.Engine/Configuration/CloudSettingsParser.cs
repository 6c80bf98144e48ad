using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>Validates raw cloud settings into a <see cref="CloudConfig"/>; every error names the cloud, the file and the key.</summary>
internal static class CloudSettingsParser
{
    internal static CloudConfig Parse(CloudSettings settings)
    {
        // Names and values from the files are shown escaped: a control character in them cannot act on the terminal.
        var cloud = PrintableText.Escape(settings.Name);
        var origin = settings.File is null ? $"cloud '{cloud}' (OS_* environment variables)" : $"cloud '{cloud}' in {settings.File}";
        string? Auth(string key) => YamlTree.Text(settings.Auth, key);
        string? Value(string key) => YamlTree.Text(settings.Values, key);
        CloudConfigException Fail(string what) => new($"{origin}: {what}") { Target = settings.Name };
        CloudConfigException FailAt(object? value, string what) => value is SettingValue setting
            ? new($"{setting.Where}: cloud '{cloud}': {what}") { Target = settings.Name }
            : Fail(what);

        var rawType = Value("auth_type");
        var authType = CloudAuthTypes.Normalise(rawType)
            ?? throw Fail($"auth_type '{PrintableText.Escape(rawType ?? string.Empty)}' is not supported (use password, v3applicationcredential or token)");
        var authUrl = ServiceUrl(settings.Auth?.GetValueOrDefault("auth_url"), "auth.auth_url", FailAt) ?? throw Fail("auth.auth_url is missing");

        var defaultDomain = Auth("default_domain");
        var config = new CloudConfig
        {
            Name = settings.Name,
            SourceFile = settings.File,
            SourceDigest = settings.SourceDigest,
            AuthType = authType,
            AuthUrl = authUrl,
            Username = Auth("username"),
            UserId = Auth("user_id"),
            UserDomainName = Auth("user_domain_name"),
            UserDomainId = Auth("user_domain_id") ?? (Auth("user_domain_name") is null ? defaultDomain : null),
            Password = Auth("password"),
            ProjectName = Auth("project_name") ?? Auth("tenant_name"),
            ProjectId = Auth("project_id") ?? Auth("tenant_id"),
            ProjectDomainName = Auth("project_domain_name"),
            ProjectDomainId = Auth("project_domain_id") ?? (Auth("project_domain_name") is null ? defaultDomain : null),
            DomainName = Auth("domain_name"),
            DomainId = Auth("domain_id"),
            ApplicationCredentialId = Auth("application_credential_id"),
            ApplicationCredentialName = Auth("application_credential_name"),
            ApplicationCredentialSecret = Auth("application_credential_secret"),
            Token = Auth("token"),
            RegionName = Value("region_name"),
            Interface = NormaliseInterface(Value("interface") ?? Value("endpoint_type"), Fail),
            CaCert = ReadableFile(settings.Values.GetValueOrDefault("cacert"), "cacert", FailAt),
            Verify = VerifySetting(settings.Values.GetValueOrDefault("verify"), FailAt),
            Cert = Value("cert"),
            Key = Value("key"),
            ImageEndpointOverride = ServiceUrl(settings.Values.GetValueOrDefault("image_endpoint_override"), "image_endpoint_override", FailAt),
            ImageApiVersion = Value("image_api_version"),
        };

        Validate(config, Fail);
        return config;
    }

    internal static bool IsTrue(string value) =>
        value.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on";

    /// <summary>
    /// <c>verify</c> is a YAML boolean (YAML 1.1 as openstacksdk reads it: true/false, yes/no, on/off)
    /// or, from OS_INSECURE, already one. Anything else is an error: a typo such as <c>ture</c> or a CA
    /// bundle path must never quietly switch certificate checks off.
    /// </summary>
    private static bool VerifySetting(object? value, Func<object?, string, CloudConfigException> fail) => value switch
    {
        null => true,
        bool flag => flag,
        SettingValue { Kind: ScalarKind.Bool } setting => ScalarTypes.BoolValue(setting.Text) ?? true,
        _ => throw fail(value, $"verify must be true or false; found '{PrintableText.Escape(YamlTree.TextOf(value) ?? string.Empty)}' (a CA bundle belongs in cacert)"),
    };

    /// <summary>A certificate file must exist and be readable now, not fail the first TLS handshake later.</summary>
    private static string? ReadableFile(object? value, string key, Func<object?, string, CloudConfigException> fail)
    {
        if (YamlTree.TextOf(value) is not { } path)
        {
            return null;
        }

        if (path.Trim().Length == 0 || !File.Exists(path))
        {
            throw fail(value, $"{key} '{PrintableText.Escape(path)}' is not a file (give the path of a PEM CA bundle)");
        }

        try
        {
            using var _ = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw fail(value, $"{key} '{PrintableText.Escape(path)}' cannot be read: {ex.Message}");
        }

        return path;
    }

    private static void Validate(CloudConfig config, Func<string, CloudConfigException> fail)
    {
        switch (config.AuthType)
        {
            case CloudAuthTypes.Password:
                if (config.Username is null && config.UserId is null)
                {
                    throw fail("auth.username (or auth.user_id) is missing for password auth");
                }

                if (config.Password is null)
                {
                    throw fail("auth.password is missing for password auth (put it in clouds.yaml, secure.yaml or OS_PASSWORD)");
                }

                RequireScope(config, fail);
                break;
            case CloudAuthTypes.ApplicationCredential:
                if (config.ApplicationCredentialSecret is null)
                {
                    throw fail("auth.application_credential_secret is missing for v3applicationcredential auth");
                }

                if (config.ApplicationCredentialId is null
                    && (config.ApplicationCredentialName is null || (config.Username is null && config.UserId is null)))
                {
                    throw fail("v3applicationcredential auth needs auth.application_credential_id, or application_credential_name with username (or user_id)");
                }

                break;
            case CloudAuthTypes.Token:
                if (config.Token is null)
                {
                    throw fail("auth.token is missing for token auth");
                }

                RequireScope(config, fail);
                break;
        }

        if (config.ImageApiVersion is { } version && !version.TrimStart('v', 'V').StartsWith('2'))
        {
            throw fail($"image_api_version '{PrintableText.Escape(version)}' is not supported: only the Glance v2 API is");
        }
    }

    private static void RequireScope(CloudConfig config, Func<string, CloudConfigException> fail)
    {
        if (config.ProjectName is null && config.ProjectId is null && config.DomainName is null && config.DomainId is null)
        {
            throw fail("no scope: set auth.project_name or auth.project_id (or domain_name/domain_id for a domain scope)");
        }
    }

    private static string NormaliseInterface(string? value, Func<string, CloudConfigException> fail)
    {
        if (value is null)
        {
            return "public";
        }

        var normal = value.Trim().ToLowerInvariant();
        if (normal.EndsWith("url", StringComparison.Ordinal))
        {
            normal = normal[..^3];
        }

        return normal is "public" or "internal" or "admin"
            ? normal
            : throw fail($"interface '{PrintableText.Escape(value)}' is not one of public, internal, admin");
    }

    /// <summary>
    /// An http(s) service URL (<c>auth_url</c>, an endpoint override), or null when not given. User info
    /// (<c>user:password@</c>) is refused: it would travel with every request and into logs, and the
    /// message never shows the URL that holds it, nor any URL with an <c>@</c>.
    /// </summary>
    private static Uri? ServiceUrl(object? value, string key, Func<object?, string, CloudConfigException> fail)
    {
        if (YamlTree.TextOf(value) is not { } text)
        {
            return null;
        }

        var hasUserInfo = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0;
        var authority = text.IndexOf("://", StringComparison.Ordinal) is var start and >= 0 ? text[(start + 3)..].Split('/', '?', '#')[0] : text;
        if (hasUserInfo || authority.Contains('@', StringComparison.Ordinal))
        {
            throw fail(value, $"{key} must not contain user info (user:password@host); put the credentials in auth (username, password) or secure.yaml");
        }

        if (uri is null || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw fail(value, $"{key} '{PrintableText.Escape(text)}' is not an http(s) URL");
        }

        return uri;
    }
}
