namespace OpenStackImageManager.Models;

/// <summary>What <c>Test-ImageLifecycle</c> found.</summary>
public enum LifecycleFindingKind
{
    /// <summary>A released, supported major release no definition describes.</summary>
    NewRelease,

    /// <summary>An enabled definition whose release is past its end of life.</summary>
    EndOfLife,

    /// <summary>An image in the cloud that is older than the allowed age behind its definition's newest build.</summary>
    Aged,
}
