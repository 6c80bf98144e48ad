using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Lifecycle;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>The engine side of Test-ImageLifecycle, kept out of the public cmdlet type.</summary>
internal static class LifecycleRun
{
    public static (IReadOnlyList<LifecycleFinding> Findings, IReadOnlyList<string> Failures) Check(
        TestImageLifecycleCommand cmdlet, IReadOnlyList<ImageDefinition> definitions, string[] products, string source, DateOnly today)
    {
        var chosen = products.Length == 0
            ? LifecycleProduct.Defaults
            : LifecycleProduct.Defaults.Where(p => products.Contains(p.Product, StringComparer.OrdinalIgnoreCase)).ToArray();
        var result = cmdlet.RunOnEngine((log, token) => LifecycleOperations.CheckAsync(definitions, chosen, source, today, log, token));
        return (result.Findings, result.Failures);
    }

    public static async Task<IReadOnlyList<LifecycleFinding>> AgedAsync(
        OpenStackSession session, IReadOnlyList<ImageDefinition> definitions, string tag, int maxAge, IOperationLog log, CancellationToken token)
    {
        var images = await SyncOperations.ListManagedAsync(session, tag, log, token).ConfigureAwait(false);
        return LifecycleCheck.Aged(new ImageInventory(images, definitions), maxAge);
    }

    public static string Markdown(IReadOnlyList<LifecycleFinding> findings, IReadOnlyList<string> failures, DateOnly today) =>
        LifecycleReport.Markdown(findings, failures, today);
}
