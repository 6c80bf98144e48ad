using System.Text.RegularExpressions;

namespace OpenStackImageManager.Engine.Http;

/// <summary>Removes secrets from anything the engine writes: headers, JSON bodies, service messages.</summary>
internal static partial class Redaction
{
    internal const string Mask = "***";

    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token",
        "X-Subject-Token",
        "X-Service-Token",
        "Authorization",
        "Proxy-Authorization",
        "Cookie",
        "Set-Cookie",
    };

    internal static bool IsSecretHeader(string name) => s_secretHeaders.Contains(name);

    /// <summary>
    /// Masks the value of every JSON member whose name says it is secret (password, secret, token id,
    /// ...). A text scan rather than a parse, so half-written or non-JSON bodies are covered too.
    /// </summary>
    internal static string RedactBody(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = SecretJsonString().Replace(text, m => $"{m.Groups["key"].Value}\"{Mask}\"");
        return TokenObject().Replace(masked, m => $"{m.Groups["key"].Value}\"{Mask}\"");
    }

    /// <summary>Masks the given known secret values wherever they occur (e.g. inside a service message).</summary>
    internal static string RedactValues(string text, IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 3)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    // "password": "..." / "secret": "..." / "access_key" ... — the key kept, the string value masked.
    [GeneratedRegex(@"(?<key>""[^""]*(password|secret|passwd|credential_secret|access_key|private_key)[^""]*""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex SecretJsonString();

    // {"token": {"id": "..."}} in token auth requests.
    [GeneratedRegex(@"(?<key>""token""\s*:\s*\{\s*""id""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex TokenObject();
}
