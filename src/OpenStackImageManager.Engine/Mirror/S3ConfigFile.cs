using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// The <c>s3</c> section of the S3 settings file, read by the one hardened YAML reader: duplicate keys
/// are refused, size, depth and aliases bounded, and a fault is reported at file:line:column. Messages
/// name keys and positions, never values, so no secret leaks through them.
/// </summary>
internal static class S3ConfigFile
{
    /// <summary>The scalar values of the file's top-level <c>s3</c> mapping; empty when the file or section is missing.</summary>
    public static Dictionary<string, string> ReadS3Section(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        var root = YamlFileReader.ReadSettings(path, static (message, inner) => new MirrorDefinitionException(message, inner));
        if (root is not YamlMapping mapping || mapping.Get("s3") is not { } section)
        {
            return values;
        }

        if (section is not YamlMapping s3)
        {
            throw new MirrorDefinitionException($"{path}:{section.Line}:{section.Column}: 's3' must be a mapping of endpoint, bucket, region, access_key, secret_key.");
        }

        foreach (var (key, value) in s3.Entries)
        {
            if (value is YamlScalar { Kind: not ScalarKind.Null, Value.Length: > 0 } scalar)
            {
                values[key.Value] = scalar.Value;
            }
        }

        return values;
    }
}
