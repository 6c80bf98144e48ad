using System.Management.Automation;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// The Engine side of one Sync-ImageMirror call. Kept out of the public cmdlet type so that no
/// Engine type appears where PowerShell reflects at import (docs/ARCHITECTURE.md, "Dependency isolation").
/// </summary>
internal sealed class MirrorSession
{
    private readonly MirrorBatch _batch;

    private MirrorSession(MirrorBatch batch) => _batch = batch;

    public static MirrorSession Open(PSCmdlet cmdlet, Uri? endpoint, string? bucket, string? region, string? accessKey, string? secretKey, string prefix, string? keyTemplate, bool force)
    {
        try
        {
            var settings = S3SettingsResolver.Resolve(new S3SettingsInput(endpoint, bucket, region, accessKey, secretKey), Environment.GetEnvironmentVariable);
            cmdlet.WriteVerboseLine($"Mirroring into {settings}.");
            return new MirrorSession(new MirrorBatch(settings, prefix, keyTemplate, force));
        }
        catch (MirrorDefinitionException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "MirrorTargetIncomplete", ErrorCategory.InvalidArgument, endpoint));
            throw; // not reached: ThrowTerminatingError throws
        }
    }

    /// <summary>Plans every version of <paramref name="definition"/> and asks ShouldProcess for each object (the engine's loop).</summary>
    public void Consider(PSCmdlet cmdlet, ImageDefinition definition) => _batch.Consider(definition, new CmdletApproval(cmdlet));

    /// <summary>Runs the approved transfers in parallel, then writes errors and (with -PassThru) results.</summary>
    public void Run(SyncImageMirrorCommand cmdlet, int throttleLimit, bool passThru)
    {
        IReadOnlyList<MirrorResult> results = [];
        cmdlet.RunOnEngine(async (log, token) => results = await _batch.RunAsync(throttleLimit, log, token).ConfigureAwait(false));
        foreach (var result in results)
        {
            if (result.Status == MirrorStatus.Failed)
            {
                CiOutput.WriteError(cmdlet, Error(result));
            }

            if (passThru)
            {
                cmdlet.WriteObject(result);
            }
        }
    }

    /// <summary>ShouldProcess per object; warnings and errors as the cmdlet's own.</summary>
    private sealed class CmdletApproval(PSCmdlet cmdlet) : IMirrorApproval
    {
        public bool Approve(MirrorCandidate candidate) => cmdlet.ShouldProcess(candidate.Target, candidate.Action);

        public void Warning(string message) => cmdlet.WriteWarning(message);

        public void Error(ImageDefinition definition, string message) =>
            CiOutput.WriteError(cmdlet, new ErrorRecord(new InvalidDataException(message), "MirrorDefinitionInvalid", ErrorCategory.InvalidData, definition));
    }

    private static ErrorRecord Error(MirrorResult result)
    {
        var message = result.Error ?? "The transfer failed.";
        var (exception, id, category) = result.Failure switch
        {
            MirrorFailure.ChecksumMismatch => ((Exception)new InvalidDataException(message), "MirrorChecksumMismatch", ErrorCategory.InvalidData),
            MirrorFailure.SourceUnavailable => (new IOException(message), "MirrorSourceUnavailable", ErrorCategory.ResourceUnavailable),
            MirrorFailure.AccessDenied => (new UnauthorizedAccessException(message), "MirrorAccessDenied", ErrorCategory.PermissionDenied),
            MirrorFailure.InvalidDefinition => (new InvalidDataException(message), "MirrorDefinitionInvalid", ErrorCategory.InvalidData),
            _ => (new IOException(message), "MirrorStorageFailed", ErrorCategory.WriteError),
        };
        return new ErrorRecord(exception, id, category, result.ObjectKey);
    }
}
