using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>Another run holds the catalog lease and did not release it within the wait: this run changed nothing.</summary>
public sealed class LeaseHeldException : OpenStackException
{
    public LeaseHeldException(string cloud, string managedTag, LeaseRecord holder, TimeSpan waited)
        : base(OpenStackErrorKind.Conflict, Text(cloud, managedTag, holder, waited))
    {
        Holder = holder;
        Target = cloud;
    }

    public LeaseRecord Holder { get; }

    private static string Text(string cloud, string managedTag, LeaseRecord holder, TimeSpan waited) =>
        $"another run is changing the images tagged '{managedTag}' in {cloud}: the catalog lease is held by {holder}"
        + (waited > TimeSpan.Zero ? $"; waited {(int)waited.TotalSeconds} s" : string.Empty)
        + ". Nothing was changed. Run again when it has finished, or wait for it with --lease-wait / -LeaseWait.";
}
