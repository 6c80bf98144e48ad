namespace OpenStackImageManager.Engine.Mirror;

/// <summary>What the caller gave explicitly; null means "look further".</summary>
public sealed record S3SettingsInput(
    Uri? Endpoint,
    string? Bucket,
    string? Region,
    string? AccessKey,
    string? SecretKey,
    string? ConfigFile = null);

/// <summary>
/// Resolves the S3 target for Sync-ImageMirror and <c>openstack-image-manager mirror</c> alike: explicit
/// values first (cmdlet parameters, <c>-Credential</c>, <c>--access-key</c>), then the standard variables
/// <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>/<c>AWS_ENDPOINT_URL</c>/<c>AWS_REGION</c>/
/// <c>AWS_DEFAULT_REGION</c> (and the Python mirror's <c>MINIO_ACCESS_KEY</c>/<c>MINIO_SECRET_KEY</c>), then the <c>s3</c> section of the config file
/// (<c>$OIM_CONFIG</c>, else <c>$XDG_CONFIG_HOME/openstack-image-manager/config.yaml</c>, else
/// <c>~/.config/openstack-image-manager/config.yaml</c>) with the keys endpoint, bucket, region,
/// access_key, secret_key. Access key and secret come from the same source, except that an access key
/// given without its secret (the command line's <c>--access-key</c>) takes the secret from the variables or the file.
/// </summary>
public static class S3SettingsResolver
{
    public static S3Settings Resolve(S3SettingsInput input, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(environment);
        var configPath = input.ConfigFile ?? DefaultConfigFile(environment);
        var config = S3ConfigFile.ReadS3Section(configPath);

        var endpointText = input.Endpoint?.ToString() ?? Value(environment("AWS_ENDPOINT_URL_S3")) ?? Value(environment("AWS_ENDPOINT_URL")) ?? config.GetValueOrDefault("endpoint");
        if (endpointText is null)
        {
            throw new MirrorDefinitionException("No S3 endpoint: give -Endpoint, set AWS_ENDPOINT_URL, or put 'endpoint' in the s3 section of " + configPath + ".");
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new MirrorDefinitionException($"The S3 endpoint '{endpointText}' is not an http(s) URL.");
        }

        var bucket = Value(input.Bucket) ?? config.GetValueOrDefault("bucket")
            ?? throw new MirrorDefinitionException("No S3 bucket: give -Bucket or put 'bucket' in the s3 section of " + configPath + ".");
        var region = Value(input.Region) ?? Value(environment("AWS_REGION")) ?? Value(environment("AWS_DEFAULT_REGION")) ?? config.GetValueOrDefault("region") ?? S3Settings.DefaultRegion;

        return new S3Settings(endpoint, bucket, region, Credentials(input, environment, config, configPath));
    }

    private static S3Credentials Credentials(S3SettingsInput input, Func<string, string?> environment, Dictionary<string, string> config, string configPath)
    {
        if (Value(input.AccessKey) is { } accessKey)
        {
            // -Credential gives both; --access-key only the key, because a secret on the command line
            // would show in the process list: its secret comes from the environment or the config file.
            if (!string.IsNullOrEmpty(input.SecretKey))
            {
                return new S3Credentials(accessKey, input.SecretKey, "-Credential");
            }

            var (secret, source) = Value(environment("AWS_SECRET_ACCESS_KEY")) is { } awsSecret ? (awsSecret, "AWS_SECRET_ACCESS_KEY")
                : Value(environment("MINIO_SECRET_KEY")) is { } minioSecret ? (minioSecret, "MINIO_SECRET_KEY")
                : config.TryGetValue("secret_key", out var fileSecret) ? (fileSecret, configPath)
                : (null, null);
            return secret is null
                ? throw new MirrorDefinitionException(
                    $"The S3 access key '{accessKey}' has no secret: set AWS_SECRET_ACCESS_KEY (or MINIO_SECRET_KEY), or put secret_key in the s3 section of {configPath}.")
                : new S3Credentials(accessKey, secret, $"the given access key, secret from {source}");
        }

        if (Value(environment("AWS_ACCESS_KEY_ID")) is { } envKey && Value(environment("AWS_SECRET_ACCESS_KEY")) is { } envSecret)
        {
            return new S3Credentials(envKey, envSecret, "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        }

        // The Python mirror script's variables.
        if (Value(environment("MINIO_ACCESS_KEY")) is { } minioKey && Value(environment("MINIO_SECRET_KEY")) is { } minioEnvSecret)
        {
            return new S3Credentials(minioKey, minioEnvSecret, "MINIO_ACCESS_KEY/MINIO_SECRET_KEY");
        }

        if (config.TryGetValue("access_key", out var fileKey) && config.TryGetValue("secret_key", out var fileKeySecret))
        {
            return new S3Credentials(fileKey, fileKeySecret, configPath);
        }

        throw new MirrorDefinitionException(
            "No S3 credentials: give -Credential (user = access key, password = secret), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or MINIO_ACCESS_KEY and MINIO_SECRET_KEY), or put access_key and secret_key in the s3 section of " + configPath + ".");
    }

    public static string DefaultConfigFile(Func<string, string?> environment)
    {
        if (Value(environment("OIM_CONFIG")) is { } explicitPath)
        {
            return explicitPath;
        }

        var configHome = Value(environment("XDG_CONFIG_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "openstack-image-manager", "config.yaml");
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
