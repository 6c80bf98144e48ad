using OpenStackImageManager.Engine.Errors;

namespace OpenStackImageManager.Engine.Leases;

/// <summary>The run's lease lapsed or was taken over (a renewal failed for longer than the lease lasts): the run stopped.</summary>
public sealed class LeaseLostException(string message) : OpenStackException(OpenStackErrorKind.Conflict, message);
