using System.Globalization;
using System.Text.Json;

namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>
/// endoflife.date's JSON (<c>/api/&lt;product&gt;.json</c>: a list of cycles with <c>cycle</c>,
/// <c>releaseDate</c>, <c>eol</c>, <c>extendedSupport</c>, <c>lts</c>, ...) from the site or a copy
/// of it, a base URL or a local folder (offline sites): <c>&lt;folder&gt;/&lt;product&gt;.json</c> or
/// <c>&lt;folder&gt;/api/&lt;product&gt;.json</c>.
/// </summary>
public static class EndOfLifeData
{
    /// <summary>The public endoflife.date site, as text for parameter defaults.</summary>
    public const string DefaultSource = "https://endoflife.date/";

    public static readonly Uri DefaultBaseUrl = new(DefaultSource);

    public static IReadOnlyList<ReleaseCycle> Parse(string json, string product)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"endoflife.date data for '{product}' is not a list of cycles.");
            }

            var cycles = new List<ReleaseCycle>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (!item.TryGetProperty("cycle", out var cycle))
                {
                    continue;
                }

                var name = cycle.ValueKind == JsonValueKind.Number ? cycle.GetRawText() : cycle.GetString() ?? string.Empty;
                var (eol, eolReached) = DateOrBool(item, "eol");
                var (extended, extendedReached) = DateOrBool(item, "extendedSupport");
                cycles.Add(new ReleaseCycle(name, DateOrBool(item, "releaseDate").Date, eol, eolReached, extended, extendedReached,
                    item.TryGetProperty("lts", out var lts) && (lts.ValueKind == JsonValueKind.True || (lts.ValueKind == JsonValueKind.String && lts.GetString() is { Length: > 0 }))));
            }

            return cycles;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"endoflife.date data for '{product}' is not JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a product's cycles from <paramref name="source"/>: an http(s) base URL, read through the one
    /// upstream stack (fetch policy, redirects checked, retries), or a local folder.
    /// </summary>
    internal static async Task<IReadOnlyList<ReleaseCycle>> LoadAsync(string source, string product, Updates.UpstreamWeb web, Hosting.IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(web);
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var url = new Uri(new Uri(source.TrimEnd('/') + "/"), $"api/{product}.json");
            var text = await web.GetTextAsync(url.AbsoluteUri, log, cancellationToken).ConfigureAwait(false);
            return Parse(text.Body, product);
        }

        var folder = uri is { IsFile: true } ? uri.LocalPath : source;
        var file = new[] { Path.Combine(folder, product + ".json"), Path.Combine(folder, "api", product + ".json") }.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No {product}.json in {folder} (nor in its api/ folder).");
        return Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), product);
    }

    private static (DateOnly? Date, bool Reached) DateOrBool(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return (null, false);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => (null, true),
            JsonValueKind.String when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => (date, false),
            _ => (null, false),
        };
    }
}
