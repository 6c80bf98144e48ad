using System.Globalization;

namespace OpenStackImageManager.Models;

/// <summary>
/// The values a plan item gives an image, typed as Glance takes them; a null member (an empty
/// collection) leaves that part of the image as it is. For a Create it is the whole desired state.
/// This is what is applied; <see cref="ChangesFrom"/> renders it for views and -WhatIf text and is
/// never read back.
/// </summary>
public sealed record ImageTarget
{
    /// <summary>Changes nothing (NoChange, Orphaned, Delete).</summary>
    public static ImageTarget None { get; } = new();

    public string? Name { get; init; }

    /// <summary>Properties to set (added, or replaced when present), with the string values Glance and Nova read.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Properties to remove; only ones the image has (Glance answers 409 for a missing one).</summary>
    public IReadOnlyList<string> RemovedProperties { get; init; } = [];

    /// <summary>The complete tag list after the change (tags are replaced as one list).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>public, private, shared or community.</summary>
    public string? Visibility { get; init; }

    public int? MinDisk { get; init; }

    public int? MinRam { get; init; }

    /// <summary>Glance's <c>os_hidden</c>.</summary>
    public bool? Hidden { get; init; }

    public bool? Protected { get; init; }

    /// <summary><c>active</c> or <c>deactivated</c>.</summary>
    public string? Status { get; init; }

    /// <summary>True when a JSON patch carries some of it (everything but the status).</summary>
    public bool HasPatch => Name is not null || Properties.Count > 0 || RemovedProperties.Count > 0 || Tags is not null
        || Visibility is not null || MinDisk is not null || MinRam is not null || Hidden is not null || Protected is not null;

    /// <summary>
    /// The display form: old → new per value, <paramref name="before"/> giving the old values (null for
    /// a new image). Tags show comma-joined, booleans <c>true</c>/<c>false</c>.
    /// </summary>
    public IReadOnlyList<PropertyChange> ChangesFrom(GlanceImage? before)
    {
        var changes = new List<PropertyChange>();
        if (Name is not null)
        {
            changes.Add(new("name", before?.Name, Name));
        }

        foreach (var (key, value) in Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            changes.Add(new(key, before?.Properties.GetValueOrDefault(key), value));
        }

        foreach (var key in RemovedProperties)
        {
            changes.Add(new(key, before?.Properties.GetValueOrDefault(key), null));
        }

        if (Tags is not null)
        {
            changes.Add(new("tags", before is null ? null : JoinTags(before.Tags), JoinTags(Tags)));
        }

        AddValue(changes, "min_disk", before?.MinDisk, MinDisk);
        AddValue(changes, "min_ram", before?.MinRam, MinRam);
        if (Visibility is not null)
        {
            changes.Add(new("visibility", before?.Visibility, Visibility));
        }

        AddFlag(changes, "os_hidden", before?.Hidden, Hidden);
        AddFlag(changes, "protected", before?.Protected, Protected);
        if (Status is not null)
        {
            changes.Add(new("status", before?.Status, Status));
        }

        return changes;
    }

    private static string JoinTags(IEnumerable<string> tags) => string.Join(",", tags.Order(StringComparer.Ordinal));

    private static void AddValue(List<PropertyChange> changes, string name, int? old, int? value)
    {
        if (value is { } set)
        {
            changes.Add(new(name, old?.ToString(CultureInfo.InvariantCulture), set.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void AddFlag(List<PropertyChange> changes, string name, bool? old, bool? value)
    {
        if (value is { } set)
        {
            changes.Add(new(name, old is null ? null : Flag(old.Value), Flag(set)));
        }
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
