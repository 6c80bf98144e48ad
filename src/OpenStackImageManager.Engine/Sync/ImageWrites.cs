using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// How changes reach one existing image, for every caller (the plan executor for sync, rotation and
/// Set-GlanceImage, and the importer's finishing step): at most one request per step, in one order.
/// </summary>
internal static class ImageWrites
{
    /// <summary>
    /// The ordering rule, written once: deactivate first (the image stops serving before its visibility
    /// or name changes, e.g. before it becomes community), then the ONE JSON patch, then reactivate (it
    /// serves again only once its metadata is right), then delete. Glance accepts a PATCH of a deactivated image.
    /// </summary>
    public static IReadOnlyList<ImageWriteStep> Order { get; } = [ImageWriteStep.Deactivate, ImageWriteStep.Patch, ImageWriteStep.Reactivate, ImageWriteStep.Delete];

    /// <summary>The step an item of <paramref name="kind"/> belongs to; null for items that send nothing (NoChange, Orphaned, Create).</summary>
    public static ImageWriteStep? StepOf(ImageChangeKind kind) => kind switch
    {
        ImageChangeKind.Deactivate => ImageWriteStep.Deactivate,
        ImageChangeKind.Reactivate => ImageWriteStep.Reactivate,
        ImageChangeKind.Delete => ImageWriteStep.Delete,
        ImageChangeKind.UpdateProperties or ImageChangeKind.UpdateTags or ImageChangeKind.UpdateMinDisk or ImageChangeKind.UpdateMinRam
            or ImageChangeKind.SetVisibility or ImageChangeKind.SetHidden or ImageChangeKind.SetProtected or ImageChangeKind.Rename => ImageWriteStep.Patch,
        _ => null,
    };

    /// <summary>Sends one step; for <see cref="ImageWriteStep.Patch"/> the operations of <paramref name="patch"/>. Returns the image as it is afterwards.</summary>
    public static async Task<GlanceImage> RunAsync(GlanceClient glance, GlanceImage image, ImageWriteStep step, ImageTarget patch, IOperationLog log, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case ImageWriteStep.Deactivate:
                await glance.DeactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
                return image with { Status = "deactivated" };
            case ImageWriteStep.Reactivate:
                await glance.ReactivateAsync(image.Id, cancellationToken).ConfigureAwait(false);
                return image with { Status = "active" };
            case ImageWriteStep.Delete:
                Operations.ImageOperations.EnsureDeletable(image);
                await glance.DeleteImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
                return image;
            default:
                var operations = PatchBuilder.Build(patch);
                if (operations.Count == 0)
                {
                    return image;
                }

                log.Verbose($"PATCH image {image.Id} ({image.Name}): {string.Join("; ", operations)}");
                return await glance.UpdateImageAsync(image.Id, operations, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every step <paramref name="target"/> asks of <paramref name="image"/>, in <see cref="Order"/> (a target cannot delete).</summary>
    public static async Task<GlanceImage> WriteAsync(GlanceClient glance, GlanceImage image, ImageTarget target, IOperationLog log, CancellationToken cancellationToken)
    {
        foreach (var step in Order)
        {
            var wanted = step switch
            {
                ImageWriteStep.Deactivate => target.Status == "deactivated" && image.Status != "deactivated",
                ImageWriteStep.Patch => target.HasPatch,
                ImageWriteStep.Reactivate => target.Status == "active" && image.Status == "deactivated",
                _ => false,
            };
            if (wanted)
            {
                image = await RunAsync(glance, image, step, target, log, cancellationToken).ConfigureAwait(false);
            }
        }

        return image;
    }
}
