using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>The front end's side of <see cref="MirrorBatch.Consider"/>: called on the caller's thread, never from the pool.</summary>
public interface IMirrorApproval
{
    /// <summary>Whether to transfer this object (ShouldProcess; false for a dry run).</summary>
    bool Approve(MirrorCandidate candidate);

    /// <summary>A version passed over, e.g. one without a URL, or a key another version already takes.</summary>
    void Warning(string message);

    /// <summary>A version that cannot be mirrored; the run ends with errors.</summary>
    void Error(ImageDefinition definition, string message);
}
