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
        masked = TokenObject().Replace(masked, m => $"{m.Groups["key"].Value}\"{Mask}\"");
        return RedactUrls(masked);
    }

    /// <summary>
    /// Masks what makes a URL a credential: its user info (<c>https://user:pass@host</c>) and the
    /// signature parameters of S3 presigned and Swift temp URLs. A web-download import body carries
    /// the URL Glance fetches, and Glance may echo it in an error.
    /// </summary>
    internal static string RedactUrls(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = UrlUserInfo().Replace(text, m => $"{m.Groups["scheme"].Value}{Mask}@");
        return SigningParameter().Replace(masked, m => $"{m.Groups["key"].Value}{Mask}");
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

    // scheme://user:password@host — the user info, up to the last @ before the host.
    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]*://)[^/\s""'@?#]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlUserInfo();

    // ?X-Amz-Signature=... (S3 v4), Signature= (S3 v2), X-Amz-Credential, X-Amz-Security-Token, temp_url_sig (Swift), sig (Azure SAS).
    // In JSON written by System.Text.Json the '&' is escaped as \u0026.
    [GeneratedRegex(@"(?<key>(?:[?&]|\\u0026)(x-amz-signature|x-amz-credential|x-amz-security-token|signature|temp_url_sig|sig)=)[^&\s""'#\\]*", RegexOptions.IgnoreCase)]
    private static partial Regex SigningParameter();

    // {"token": {"id": "..."}} in token auth requests.
    [GeneratedRegex(@"(?<key>""token""\s*:\s*\{\s*""id""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex TokenObject();
}
