using System.Runtime.CompilerServices;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Lets a plan's summary count what the catalog read skipped, although only the chosen definitions
/// travel down the pipeline: Get-ImageDefinition notes its <see cref="CatalogSelection"/> against each
/// definition it writes, and Compare-GlanceImage sums the notes of the reads its input came from. A weak
/// table, so the notes go when the definitions do, and nothing is added to the pipeline objects.
/// </summary>
internal static class CatalogSelectionNotes
{
    private static readonly ConditionalWeakTable<ImageDefinition, CatalogSelection> s_notes = [];

    internal static void Note(ImageDefinition definition, CatalogSelection selection) => s_notes.AddOrUpdate(definition, selection);

    /// <summary>The skipped counts of every distinct catalog read among <paramref name="definitions"/>.</summary>
    internal static CatalogSelection Sum(IEnumerable<ImageDefinition> definitions)
    {
        var reads = new HashSet<CatalogSelection>(ReferenceEqualityComparer.Instance);
        foreach (var definition in definitions)
        {
            if (s_notes.TryGetValue(definition, out var selection))
            {
                reads.Add(selection);
            }
        }

        return new CatalogSelection(reads.Sum(r => r.Disabled), reads.Sum(r => r.FilteredOut));
    }
}
