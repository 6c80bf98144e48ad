namespace OpenStackImageManager.Engine.Glance;

/// <summary>The server-side filters of GET /v2/images.</summary>
internal sealed record ImageQuery
{
    /// <summary>Exact names; several become Glance's <c>in:</c> operator.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>All of these tags (Glance ANDs repeated tag filters).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>public, private, shared, community or all.</summary>
    public string? Visibility { get; init; }

    public string? Owner { get; init; }

    public string? Status { get; init; }

    /// <summary>true lists only hidden images; false (Glance's default) only visible ones.</summary>
    public bool? Hidden { get; init; }

    /// <summary>accepted, pending, rejected or all (for shared images).</summary>
    public string? MemberStatus { get; init; }

    /// <summary>e.g. "name:asc,created_at:desc".</summary>
    public string? Sort { get; init; }

    /// <summary>Page size; Glance caps it at its api_limit_max (1000 by default).</summary>
    public int PageSize { get; init; } = 1000;

    internal string ToQueryString()
    {
        var parts = new List<string> { $"limit={PageSize}" };
        if (Names.Count == 1)
        {
            parts.Add("name=" + Uri.EscapeDataString(Names[0]));
        }
        else if (Names.Count > 1)
        {
            // Glance splits the in: list on commas and strips double quotes around each value.
            parts.Add("name=" + Uri.EscapeDataString("in:" + string.Join(',', Names.Select(n => $"\"{n}\""))));
        }

        parts.AddRange(Tags.Select(t => "tag=" + Uri.EscapeDataString(t)));
        Add(parts, "visibility", Visibility);
        Add(parts, "owner", Owner);
        Add(parts, "status", Status);
        Add(parts, "os_hidden", Hidden is { } hidden ? (hidden ? "true" : "false") : null);
        Add(parts, "member_status", MemberStatus);
        Add(parts, "sort", Sort);
        return string.Join('&', parts);
    }

    /// <summary>Whether the names can go to the server (the in: list cannot carry commas or quotes).</summary>
    internal bool NamesFitServerFilter => Names.Count <= 1 || Names.All(n => !n.Contains(',') && !n.Contains('"'));

    private static void Add(List<string> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
    }
}
