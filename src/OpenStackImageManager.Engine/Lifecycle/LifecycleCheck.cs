using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>
/// The end-of-life check (Test-ImageLifecycle, <c>check-updates</c>): released, supported cycles no
/// definition describes (a new major arriving), enabled definitions past their end of life, and,
/// with an inventory of a cloud, images too far behind the newest build of their definition.
/// </summary>
public static class LifecycleCheck
{
    public static IReadOnlyList<LifecycleFinding> Evaluate(
        IReadOnlyList<ImageDefinition> definitions, LifecycleProduct product, IReadOnlyList<ReleaseCycle> cycles, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(cycles);
        var covered = definitions.Where(d => d.ShortName?.StartsWith(product.ShortNamePrefix, StringComparison.Ordinal) == true).ToArray();
        var byCycle = covered
            .Select(d => (Definition: d, Cycle: d.Meta.TryGetValue("os_version", out var v) ? v : null))
            .Where(p => p.Cycle is not null)
            .ToLookup(p => p.Cycle!, p => p.Definition, StringComparer.Ordinal);
        var findings = new List<LifecycleFinding>();
        foreach (var cycle in cycles)
        {
            var defined = byCycle[cycle.Cycle].ToArray();
            var ended = cycle.IsPastEnd(today, product.UseExtendedSupport);
            if (defined.Length == 0 && cycle.IsReleased(today) && !ended && (!product.LtsOnly || cycle.Lts))
            {
                var end = cycle.End(product.UseExtendedSupport);
                findings.Add(new LifecycleFinding
                {
                    Kind = LifecycleFindingKind.NewRelease,
                    Product = product.Product,
                    Cycle = cycle.Cycle,
                    Date = cycle.ReleaseDate,
                    Message = $"{product.Product} {cycle.Cycle} was released {cycle.ReleaseDate:yyyy-MM-dd} and is supported {(end is { } e ? $"until {e:yyyy-MM-dd}" : "with no end date yet")}, but no definition with a shortname '{product.ShortNamePrefix}…' has os_version {cycle.Cycle}.",
                });
            }

            var enabled = defined.Where(d => d.Enable).Select(d => d.Name).ToArray();
            if (enabled.Length > 0 && ended)
            {
                var end = cycle.End(product.UseExtendedSupport);
                findings.Add(new LifecycleFinding
                {
                    Kind = LifecycleFindingKind.EndOfLife,
                    Product = product.Product,
                    Cycle = cycle.Cycle,
                    Definitions = enabled,
                    Date = end,
                    Message = $"{product.Product} {cycle.Cycle} reached its end of life{(end is { } e ? $" on {e:yyyy-MM-dd}" : string.Empty)}, but {string.Join(", ", enabled.Select(n => $"'{n}'"))} {(enabled.Length == 1 ? "is" : "are")} still enabled.",
                });
            }
        }

        return findings;
    }

    /// <summary>Images of the inventory older than <paramref name="maxAgeDays"/> behind their definition's newest build (the --check-age rule).</summary>
    public static IReadOnlyList<LifecycleFinding> Aged(ImageInventory inventory, int maxAgeDays) =>
        ImageAgeCheck.Find(inventory, maxAgeDays).Select(a => new LifecycleFinding
        {
            Kind = LifecycleFindingKind.Aged,
            Product = a.Definition.ShortName ?? a.Definition.Name,
            Cycle = a.Definition.Meta.TryGetValue("os_version", out var v) ? v : null,
            Definitions = [a.Definition.Name],
            Date = a.BuildDate,
            Image = $"{a.Image.Name} ({a.Image.Id})",
            Message = a.ToString(),
        }).ToArray();
}
