using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>Runs an apply under one overall progress bar over its creates ("image 3 of 13"), ended when the apply ends.</summary>
internal static class ImportProgress
{
    internal static async Task<T> ApplyAsync<T>(IReadOnlyCollection<ImageChange> approved, IOperationLog log, Func<IOperationLog, Task<T>> apply)
    {
        var creates = approved.Count(c => c.Kind == ImageChangeKind.Create);
        if (creates == 0)
        {
            return await apply(log).ConfigureAwait(false);
        }

        var progress = new ImportProgressLog(log, creates);
        try
        {
            return await apply(progress).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }
}
