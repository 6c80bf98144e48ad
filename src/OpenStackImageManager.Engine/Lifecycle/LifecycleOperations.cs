using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Lifecycle;

/// <summary>What one lifecycle check found, and which products could not be read.</summary>
public sealed record LifecycleResult(IReadOnlyList<LifecycleFinding> Findings, IReadOnlyList<string> Failures);

/// <summary>Reads endoflife.date data for each product (one request per product) and evaluates the catalog against it.</summary>
public static class LifecycleOperations
{
    /// <summary>The project's managed images older than <paramref name="maxAgeDays"/> behind a newer build (one listing).</summary>
    public static async Task<IReadOnlyList<LifecycleFinding>> AgedAsync(
        OpenStackSession session, IReadOnlyList<ImageDefinition> definitions, string managedTag, int maxAgeDays, IOperationLog log, CancellationToken cancellationToken)
    {
        var images = await Sync.SyncOperations.ListManagedAsync(session, managedTag, log, cancellationToken).ConfigureAwait(false);
        return LifecycleCheck.Aged(new Sync.ImageInventory(images, definitions), maxAgeDays);
    }

    public static async Task<LifecycleResult> CheckAsync(
        IReadOnlyList<ImageDefinition> definitions, IReadOnlyList<LifecycleProduct> products, string source, DateOnly today, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        log ??= NullOperationLog.Instance;
        using var web = new Updates.UpstreamWeb(new Updates.UpdateOptions());
        var findings = new List<LifecycleFinding>();
        var failures = new List<string>();
        foreach (var product in products)
        {
            try
            {
                log.Verbose($"Reading the release cycles of {product.Product} from {source}.");
                var cycles = await EndOfLifeData.LoadAsync(source, product.Product, web, log, cancellationToken).ConfigureAwait(false);
                findings.AddRange(LifecycleCheck.Evaluate(definitions, product, cycles, today));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or HttpRequestException or TimeoutException or Updates.UpdateSourceException
                                          || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failures.Add($"{product.Product}: {e.Message}");
            }
        }

        return new LifecycleResult(findings, failures);
    }
}
