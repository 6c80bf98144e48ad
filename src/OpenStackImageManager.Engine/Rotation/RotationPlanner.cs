using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Rotation;

/// <summary>
/// Rotation as a planner of the plan model: Compare-GlanceImage and Sync-GlanceImage chain it after
/// the sync planner (it then sees the sync's creates and renames in <see cref="PlanContext.Planned"/>),
/// Invoke-ImageRotation runs it alone. It writes the policy's notices to the run's log.
/// </summary>
public sealed class RotationPlanner(ImageRotationOptions options, bool hadErrors = false, DateOnly? today = null) : IImagePlanner
{
    public string Name => RotationPolicy.PlannerName;

    /// <summary>The run's rotation switches; the sync planner reads Delete for retired duplicates.</summary>
    internal ImageRotationOptions Options => options;

    internal bool HadErrors => hadErrors;

    public Task<IReadOnlyList<ImageChange>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var plan = RotationPolicy.Plan(new RotationInput
        {
            Session = context.Session,
            Definitions = context.Definitions,
            Inventory = context.Inventory,
            Options = options,
            Planned = context.Planned,
            Today = today ?? DateOnly.FromDateTime(DateTime.UtcNow),
            HadErrors = hadErrors,
            Settings = context.Settings,
        });
        var log = context.Log;
        foreach (var notice in plan.Notices)
        {
            if (notice.Level == RotationNoticeLevel.Warning)
            {
                log.Warning(notice.Message);
            }
            else
            {
                log.Verbose(notice.Message);
            }
        }

        return Task.FromResult(plan.Items);
    }
}
