using System.Globalization;

namespace OpenStackImageManager.Models;

/// <summary>
/// A plan counted per image (<c>12 to create, 3 to change, 2 to hide, 1 to delete</c>), plus the
/// definitions the catalog holds but the plan did not see (disabled, filtered out), so an operator
/// learns from one line what a run will do and what it leaves out.
/// </summary>
public sealed class PlanSummary
{
    public string? Cloud { get; init; }

    public int ToCreate { get; init; }

    public int ToChange { get; init; }

    public int ToHide { get; init; }

    public int ToDeactivate { get; init; }

    public int ToDelete { get; init; }

    public int Orphaned { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Definitions with <c>enable: false</c> that the catalog read skipped.</summary>
    public int DisabledDefinitions { get; init; }

    /// <summary>Definitions that a name or filter left out of the catalog read.</summary>
    public int FilteredOutDefinitions { get; init; }

    /// <summary>True when the plan sends nothing.</summary>
    public bool IsEmpty => ToCreate + ToChange + ToHide + ToDeactivate + ToDelete == 0;

    /// <summary>Counts a plan per image; <paramref name="disabled"/> and <paramref name="filteredOut"/> come from the catalog read.</summary>
    public static PlanSummary Of(IEnumerable<ImageChange> plan, string? cloud = null, int disabled = 0, int filteredOut = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var counts = ImageChangeCategories.PerImage(plan).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        int Count(ImageChangeCategory category) => counts.TryGetValue(category, out var n) ? n : 0;
        return new PlanSummary
        {
            Cloud = cloud,
            ToCreate = Count(ImageChangeCategory.Create),
            ToChange = Count(ImageChangeCategory.Change),
            ToHide = Count(ImageChangeCategory.Hide),
            ToDeactivate = Count(ImageChangeCategory.Deactivate),
            ToDelete = Count(ImageChangeCategory.Delete),
            Orphaned = Count(ImageChangeCategory.Orphaned),
            Unchanged = Count(ImageChangeCategory.Unchanged),
            DisabledDefinitions = disabled,
            FilteredOutDefinitions = filteredOut,
        };
    }

    /// <summary>The counts alone: <c>12 to create, 3 to change, 2 to hide, 1 to delete</c>.</summary>
    public string Counts()
    {
        var parts = new List<string> { $"{ToCreate} to create", $"{ToChange} to change", $"{ToHide} to hide" };
        if (ToDeactivate > 0)
        {
            parts.Add($"{ToDeactivate} to deactivate");
        }

        parts.Add($"{ToDelete} to delete");
        return string.Join(", ", parts);
    }

    /// <summary>What the plan leaves alone, or empty: <c>2 orphaned, 1 disabled definition skipped</c>.</summary>
    public string Notes()
    {
        var notes = new List<string>();
        if (Orphaned > 0)
        {
            notes.Add($"{Orphaned} orphaned (left alone)");
        }

        if (DisabledDefinitions > 0)
        {
            notes.Add(Plural(DisabledDefinitions, "disabled definition") + " skipped");
        }

        if (FilteredOutDefinitions > 0)
        {
            notes.Add(Plural(FilteredOutDefinitions, "definition") + " filtered out");
        }

        return string.Join(", ", notes);
    }

    /// <summary>The summary line: <c>Plan for prod: 12 to create, 3 to change, 2 to hide, 1 to delete; 1 disabled definition skipped.</c></summary>
    public override string ToString()
    {
        var notes = Notes();
        var where = Cloud is null ? "Plan" : $"Plan for {Cloud}";
        return notes.Length == 0 ? $"{where}: {Counts()}." : $"{where}: {Counts()}; {notes}.";
    }

    internal static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
