using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Lifecycle;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>The engine side of Test-ImageLifecycle, kept out of the public cmdlet type.</summary>
internal static class LifecycleRun
{
    public static (IReadOnlyList<LifecycleFinding> Findings, IReadOnlyList<string> Failures) Check(
        TestImageLifecycleCommand cmdlet, IReadOnlyList<ImageDefinition> definitions, string[] products, string source, DateOnly today)
    {
        IReadOnlyList<LifecycleProduct> chosen = [];
        try
        {
            chosen = LifecycleProduct.Select(products);
        }
        catch (ArgumentException e)
        {
            cmdlet.ThrowTerminatingError(new System.Management.Automation.ErrorRecord(e, "UnknownProduct", System.Management.Automation.ErrorCategory.InvalidArgument, products));
        }

        var result = cmdlet.RunOnEngine((log, token) => LifecycleOperations.CheckAsync(definitions, chosen, source, today, log, token));
        return (result.Findings, result.Failures);
    }

    public static Task<IReadOnlyList<LifecycleFinding>> AgedAsync(
        OpenStackSession session, IReadOnlyList<ImageDefinition> definitions, string tag, int maxAge, IOperationLog log, CancellationToken token) =>
        LifecycleOperations.AgedAsync(session, definitions, tag, maxAge, log, token);

    public static string Markdown(IReadOnlyList<LifecycleFinding> findings, IReadOnlyList<string> failures, DateOnly today) =>
        LifecycleReport.Markdown(findings, failures, today);
}
