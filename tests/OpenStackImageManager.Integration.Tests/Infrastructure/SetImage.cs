using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Integration.Tests.Infrastructure;

/// <summary>What Set-GlanceImage does with its plan items: the one executor, throwing the first error as the cmdlet reports it.</summary>
internal static class SetImage
{
    public static async Task<GlanceImage> ApplyAsync(OpenStackSession session, IReadOnlyList<ImageChange> plan, IOperationLog? log = null, CancellationToken cancellationToken = default)
    {
        var results = await SyncOperations.ApplyAsync(plan, session, new ExecutionOptions { ThrottleLimit = 1 }, log ?? NullOperationLog.Instance, cancellationToken);
        if (results.FirstOrDefault(r => r.Error is not null)?.Error is { } error)
        {
            throw error;
        }

        return results.Select(r => r.Result.Image).OfType<GlanceImage>().Last();
    }

    /// <summary>The plan as the -WhatIf lines show it.</summary>
    public static string Describe(IReadOnlyList<ImageChange> plan) => string.Join("; ", plan.Select(i => i.Description));
}
