namespace OpenStackImageManager.Models;

/// <summary>
/// The short forms of a plan item the plan table shows: one line that fits its column at 120 columns
/// and never holds a whole URL (a table wraps a long word mid-word). The details stay on the item
/// (<c>Format-List</c>, <c>-Verbose</c>).
/// </summary>
public static class PlanText
{
    /// <summary>Room for the change text in the plan table at 120 columns.</summary>
    public const int ChangeWidth = 57;

    /// <summary>Sign and kind: <c>+ Create</c>, <c>~ SetVisibility</c>, <c>- Delete</c>.</summary>
    public static string Kind(ImageChange item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.Symbol} {item.Kind}";
    }

    /// <summary>The change in short: how a create gets its bytes (the file name, not the URL), or what changes.</summary>
    public static string Change(ImageChange item, int width = ChangeWidth)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = item.Kind switch
        {
            ImageChangeKind.Create => CreateText(item, width),
            ImageChangeKind.NoChange => "up to date",
            ImageChangeKind.Orphaned => "left alone: no definition of this run claims it",
            ImageChangeKind.Delete => $"delete {item.ImageId}",
            ImageChangeKind.UpdateProperties when item.Changes.Count > 1 =>
                $"{item.Changes.Count} properties: {string.Join(", ", item.Changes.Select(c => c.Name))}",
            _ when item.Changes.Count == 0 => item.Kind.ToString(),
            _ => string.Join("; ", item.Changes.Select(Short)),
        };
        return Fit(text, width);
    }

    /// <summary><c>GlanceDirect of noble-server-cloudimg-amd64.img</c>; a long file name loses its middle, not its end (the date, the type).</summary>
    private static string CreateText(ImageChange item, int width)
    {
        var how = $"{item.ImportMethod?.ToString() ?? "import"} of ";
        var what = FileName(item.SourceUrl) ?? item.Version ?? "the version";
        return how + FitMiddle(what, Math.Max(8, width - how.Length));
    }

    /// <summary>The text cut to <paramref name="width"/> characters by an ellipsis in its middle.</summary>
    public static string FitMiddle(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= width || width < 3)
        {
            return text;
        }

        var tail = (width - 1) / 2;
        return string.Concat(text.AsSpan(0, width - 1 - tail), "…", text.AsSpan(text.Length - tail));
    }

    /// <summary>One change as <c>name: old → new</c>, each value at most 20 characters.</summary>
    public static string Short(PropertyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (change.OldValue, change.NewValue) switch
        {
            (null, var added) => $"{change.Name}: + {Fit(FileName(added) ?? added ?? string.Empty, 20)}",
            (var removed, null) => $"{change.Name}: - {Fit(FileName(removed) ?? removed, 20)}",
            (var old, var @new) => $"{change.Name}: {Fit(FileName(old) ?? old, 20)} → {Fit(FileName(@new) ?? @new, 20)}",
        };
    }

    /// <summary>The text cut to <paramref name="width"/> characters with an ellipsis.</summary>
    public static string Fit(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= width || width < 2 ? text : string.Concat(text.AsSpan(0, width - 1), "…");
    }

    /// <summary>The last path segment of a URL (no query); null when the text is not an absolute URL.</summary>
    public static string? FileName(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Scheme) || uri.Scheme.Length < 3)
        {
            return null;
        }

        var segment = uri.Segments.Length > 0 ? Uri.UnescapeDataString(uri.Segments[^1]).TrimEnd('/') : string.Empty;
        return segment.Length == 0 ? uri.Host : segment;
    }
}
