using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// The standards' checks on a plan: the last planner of a run, it applies the items planned before it
/// to the run's one inventory and judges the images as the sync (and rotation) would leave them, in the
/// scope a conformance test sees. It plans nothing; each finding is a warning of the run and is kept in
/// <see cref="Results"/> for the caller.
/// </summary>
public sealed class CompliancePlanner(IReadOnlyList<string> standards, DateTimeOffset? now = null) : IImagePlanner
{
    private IReadOnlyList<ComplianceResult> _results = [];

    public string Name => "Compliance";

    /// <summary>The findings of the last plan.</summary>
    public IReadOnlyList<ComplianceResult> Results => _results;

    public Task<IReadOnlyList<ImageChange>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var at = now ?? DateTimeOffset.UtcNow;
        var after = PlannedImages.Apply(context.Inventory.Images, context.Planned, context.Session.ProjectId, at)
            .Where(i => ComplianceScope.Includes(i, context.Session.ProjectId))
            .ToArray();
        _results = ComplianceOperations.Judge(after, standards, at);
        foreach (var result in _results)
        {
            context.Log.Warning($"after this plan, {result}");
        }

        return Task.FromResult<IReadOnlyList<ImageChange>>([]);
    }
}
