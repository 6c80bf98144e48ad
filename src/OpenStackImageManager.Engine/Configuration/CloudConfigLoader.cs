using System.Collections;
using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// Resolves a cloud the way openstacksdk does: the named cloud (argument, else OS_CLOUD) from the first
/// clouds.yaml found, with secure.yaml merged over it; without a name, the plain OS_* variables.
/// </summary>
internal sealed class CloudConfigLoader
{
    internal const string EnvironmentCloudName = "envvars";

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _currentDirectory;
    private readonly string? _homeDirectory;

    public CloudConfigLoader(IReadOnlyDictionary<string, string> environment, string currentDirectory, string? homeDirectory)
    {
        _environment = environment;
        _currentDirectory = currentDirectory;
        _homeDirectory = homeDirectory;
    }

    /// <summary>A loader over this process's environment; <paramref name="currentDirectory"/> is the caller's (PowerShell's) location.</summary>
    public static CloudConfigLoader ForProcess(string? currentDirectory = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new CloudConfigLoader(
            environment,
            currentDirectory ?? Directory.GetCurrentDirectory(),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
    }

    /// <summary>The clouds.yaml in use, or null when there is none.</summary>
    public string? CloudsFile => CloudFiles.FindFirst(
        CloudFiles.Candidates("clouds", Env("OS_CLIENT_CONFIG_FILE"), _currentDirectory, _homeDirectory));

    public string? SecureFile => CloudFiles.FindFirst(
        CloudFiles.Candidates("secure", Env("OS_CLIENT_SECURE_FILE"), _currentDirectory, _homeDirectory));

    /// <summary>Names of the clouds in clouds.yaml; empty when there is no file or it cannot be read.</summary>
    public IReadOnlyList<string> CloudNames()
    {
        try
        {
            return CloudsFile is { } file && YamlTree.Map(YamlTree.Read(file), "clouds") is { } clouds
                ? clouds.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray()
                : [];
        }
        catch (CloudConfigException)
        {
            return [];
        }
    }

    /// <summary>
    /// Resolves <paramref name="cloudName"/>, else what <see cref="CloudSelection"/> picks from this
    /// loader's environment (OS_CLOUD, then the OS_* variables), with optional overrides.
    /// </summary>
    public CloudConfig Load(string? cloudName, string? region = null, string? endpointInterface = null, CloudCredential? credential = null) =>
        LoadChosen(CloudSelection.Choose(cloudName, hasDefaultSession: false, Env) ?? throw NoCloud(), region, endpointInterface, credential);

    /// <summary>
    /// Resolves the cloud <see cref="CloudSelection"/> chose, with optional overrides. A
    /// <paramref name="credential"/> replaces the credential of the files or variables, so it is part of
    /// the resolved <see cref="CloudConfig"/> (and of its session fingerprint) like any other input.
    /// </summary>
    public CloudConfig LoadChosen(CloudChoice choice, string? region = null, string? endpointInterface = null, CloudCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var settings = choice.Source switch
        {
            CloudSource.EnvironmentVariables => FromEnvironment(),
            CloudSource.DefaultSession => throw new InvalidOperationException("the default session is not loaded from configuration"),
            _ => FromFiles(choice.Cloud!),
        };
        if (credential is not null)
        {
            Override(settings, credential);
        }

        if (!string.IsNullOrWhiteSpace(region))
        {
            settings.Values["region_name"] = region;
        }

        if (!string.IsNullOrWhiteSpace(endpointInterface))
        {
            settings.Values["interface"] = endpointInterface;
        }

        return CloudSettingsParser.Parse(settings);
    }

    /// <summary>
    /// Puts the given credential in place of the configured one: for a password, the user name and
    /// password (a configured user id would name another user, so it goes); for an application
    /// credential, its id and secret, and the auth type that reads them.
    /// </summary>
    private static void Override(CloudSettings settings, CloudCredential credential)
    {
        var auth = settings.Auth;
        var configured = settings.Values.TryGetValue("auth_type", out var type) ? type?.ToString() : null;
        var applicationCredential = credential.ApplicationCredential ?? CloudAuthTypes.Normalise(configured) == CloudAuthTypes.ApplicationCredential;
        string[] replaced = applicationCredential
            ? ["application_credential_id", "application_credential_name", "application_credential_secret", "username", "user_id", "password"]
            : ["username", "user_id", "password", "application_credential_id", "application_credential_name", "application_credential_secret"];
        foreach (var key in replaced)
        {
            auth.Remove(key);
        }

        if (applicationCredential)
        {
            auth["application_credential_id"] = credential.UserName;
            auth["application_credential_secret"] = credential.Secret;
            settings.Values["auth_type"] = CloudAuthTypes.ApplicationCredential;
        }
        else
        {
            auth["username"] = credential.UserName;
            auth["password"] = credential.Secret;
            settings.Values["auth_type"] = CloudAuthTypes.Password;
        }
    }

    private CloudSettings FromFiles(string name)
    {
        var file = CloudsFile;
        var searched = string.Join(", ", CloudFiles.Candidates("clouds", Env("OS_CLIENT_CONFIG_FILE"), _currentDirectory, _homeDirectory)
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal)));
        if (file is null)
        {
            throw new CloudConfigException($"cloud '{name}' was asked for, but no clouds.yaml was found (looked in: {searched})")
            {
                Target = name,
            };
        }

        var root = YamlTree.Read(file);
        var clouds = YamlTree.Map(root, "clouds");
        if (clouds is null || !clouds.TryGetValue(name, out var entry) || entry is not Dictionary<string, object?> cloud)
        {
            var known = clouds is null ? "it has no 'clouds' mapping" : $"it has: {string.Join(", ", clouds.Keys)}";
            throw new CloudConfigException($"cloud '{name}' is not in {file} ({known})") { Target = name };
        }

        var secureFile = SecureFile;
        if (secureFile is not null && YamlTree.Map(YamlTree.Read(secureFile), "clouds") is { } secure
            && YamlTree.Map(secure, name) is { } secureCloud)
        {
            YamlTree.Merge(cloud, secureCloud);
        }

        var values = new Dictionary<string, object?>(cloud, StringComparer.Ordinal);
        var auth = YamlTree.Map(cloud, "auth") ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        if (values.TryGetValue("regions", out var regions) && regions is IList<object?> { Count: > 0 } list
            && !values.ContainsKey("region_name"))
        {
            // openstacksdk's regions list: the first one is the default; an entry may be {name: x}.
            values["region_name"] = list[0] is Dictionary<string, object?> r ? YamlTree.Text(r, "name") : YamlTree.TextOf(list[0]);
        }

        return new CloudSettings(name, file, values, auth) { SourceDigest = CloudFiles.Digest(file, secureFile) };
    }

    private CloudConfigException NoCloud()
    {
        var file = CloudsFile;
        return new CloudConfigException(file is null
            ? "no cloud given: pass -Cloud, set OS_CLOUD, or set OS_AUTH_URL and the other OS_* variables (no clouds.yaml was found either)"
            : $"no cloud given: pass -Cloud or set OS_CLOUD to one of the clouds in {file}, or set OS_AUTH_URL and the other OS_* variables");
    }

    private CloudSettings FromEnvironment()
    {
        if (Env("OS_AUTH_URL") is null)
        {
            throw NoCloud();
        }

        var auth = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in s_authKeys)
        {
            if (Env("OS_" + key.ToUpperInvariant()) is { } value)
            {
                auth[key] = value;
            }
        }

        auth.TryAdd("project_name", Env("OS_TENANT_NAME"));
        auth.TryAdd("project_id", Env("OS_TENANT_ID"));
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["auth_type"] = Env("OS_AUTH_TYPE"),
            ["region_name"] = Env("OS_REGION_NAME"),
            ["interface"] = Env("OS_INTERFACE") ?? Env("OS_ENDPOINT_TYPE"),
            ["cacert"] = Env("OS_CACERT"),
            ["cert"] = Env("OS_CERT"),
            ["key"] = Env("OS_KEY"),
            ["image_api_version"] = Env("OS_IMAGE_API_VERSION"),
            ["image_endpoint_override"] = Env("OS_IMAGE_ENDPOINT_OVERRIDE"),
        };
        if (Env("OS_INSECURE") is { } insecure)
        {
            values["verify"] = !CloudSettingsParser.IsTrue(insecure);
        }

        return new CloudSettings(EnvironmentCloudName, null, values, auth);
    }

    private static readonly string[] s_authKeys =
    [
        "auth_url", "username", "user_id", "password", "project_name", "project_id", "project_domain_name",
        "project_domain_id", "user_domain_name", "user_domain_id", "domain_name", "domain_id", "default_domain",
        "application_credential_id", "application_credential_name", "application_credential_secret", "token",
    ];

    private string? Env(string name) =>
        _environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>The raw settings of one cloud before validation.</summary>
internal sealed record CloudSettings(
    string Name,
    string? File,
    Dictionary<string, object?> Values,
    Dictionary<string, object?> Auth)
{
    /// <summary>Digest of the files the settings were read from (clouds.yaml, secure.yaml); null for OS_* variables.</summary>
    public string? SourceDigest { get; init; }
}
