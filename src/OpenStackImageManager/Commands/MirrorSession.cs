using System.Collections.Concurrent;
using System.Management.Automation;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// The Engine side of one Sync-ImageMirror call. Kept out of the public cmdlet type so that no
/// Engine type appears where PowerShell reflects at import (module-loading.md).
/// </summary>
internal sealed class MirrorSession
{
    private readonly S3Settings _settings;
    private readonly string _prefix;
    private readonly string? _keyTemplate;
    private readonly bool _force;
    private readonly List<MirrorRequest> _approved = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    private MirrorSession(S3Settings settings, string prefix, string? keyTemplate, bool force)
    {
        _settings = settings;
        _prefix = prefix;
        _keyTemplate = keyTemplate;
        _force = force;
    }

    public static MirrorSession Open(PSCmdlet cmdlet, Uri? endpoint, string? bucket, string? region, string? accessKey, string? secretKey, string prefix, string? keyTemplate, bool force)
    {
        try
        {
            var settings = S3SettingsResolver.Resolve(new S3SettingsInput(endpoint, bucket, region, accessKey, secretKey), Environment.GetEnvironmentVariable);
            cmdlet.WriteVerbose($"Mirroring into {settings}.");
            return new MirrorSession(settings, prefix, keyTemplate, force);
        }
        catch (MirrorDefinitionException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "MirrorTargetIncomplete", ErrorCategory.InvalidArgument, endpoint));
            throw; // not reached: ThrowTerminatingError throws
        }
    }

    /// <summary>Plans every version of <paramref name="definition"/> and asks ShouldProcess for each object.</summary>
    public void Consider(PSCmdlet cmdlet, ImageDefinition definition)
    {
        foreach (var item in MirrorItems.From(definition))
        {
            var entry = MirrorPlanner.Plan(item, _settings.Bucket, _prefix, _keyTemplate);
            if (entry.PassedOver)
            {
                cmdlet.WriteWarning(entry.Problem);
                continue;
            }

            if (entry.Request is not { } request)
            {
                cmdlet.WriteError(new ErrorRecord(new ArgumentException(entry.Problem), "MirrorDefinitionInvalid", ErrorCategory.InvalidData, definition));
                continue;
            }

            if (!_keys.Add(request.ObjectKey))
            {
                cmdlet.WriteWarning($"s3://{_settings.Bucket}/{request.ObjectKey} is already planned by another version in this call; '{definition.Name}' version {item.Source.Version} is not mirrored again.");
                continue;
            }

            var target = $"s3://{_settings.Bucket}/{request.ObjectKey}";
            var action = $"Mirror {request.SourceUrl}{(request.Compression == SourceCompression.None ? string.Empty : " (decompressed)")}{(_force ? " (-Force)" : string.Empty)}";
            if (cmdlet.ShouldProcess(target, action))
            {
                _approved.Add(request);
            }
        }
    }

    /// <summary>Runs the approved transfers in parallel, then writes errors and (with -PassThru) results.</summary>
    public void Run(SyncImageMirrorCommand cmdlet, int throttleLimit, bool passThru)
    {
        if (_approved.Count == 0)
        {
            return;
        }

        var results = new ConcurrentQueue<MirrorResult>();
        var options = new MirrorOptions { Force = _force };
        cmdlet.RunOnEngine(async (log, token) =>
        {
            using var mirror = new ImageMirror(_settings, options, log);
            await mirror.MirrorAllAsync(_approved, throttleLimit, results.Enqueue, token).ConfigureAwait(false);
        });

        // In input order, whatever order the transfers ended in.
        var order = _approved.Select((r, i) => (r.ObjectKey, i)).ToDictionary(p => p.ObjectKey, p => p.i, StringComparer.Ordinal);
        foreach (var result in results.OrderBy(r => order[r.ObjectKey]))
        {
            if (result.Status == MirrorStatus.Failed)
            {
                cmdlet.WriteError(Error(result));
            }

            if (passThru)
            {
                cmdlet.WriteObject(result);
            }
        }
    }

    private static ErrorRecord Error(MirrorResult result)
    {
        var message = result.Error ?? "The transfer failed.";
        var (exception, id, category) = result.Failure switch
        {
            MirrorFailure.ChecksumMismatch => ((Exception)new InvalidDataException(message), "MirrorChecksumMismatch", ErrorCategory.InvalidData),
            MirrorFailure.SourceUnavailable => (new IOException(message), "MirrorSourceUnavailable", ErrorCategory.ResourceUnavailable),
            MirrorFailure.AccessDenied => (new UnauthorizedAccessException(message), "MirrorAccessDenied", ErrorCategory.PermissionDenied),
            MirrorFailure.InvalidDefinition => (new ArgumentException(message), "MirrorDefinitionInvalid", ErrorCategory.InvalidArgument),
            _ => (new IOException(message), "MirrorStorageFailed", ErrorCategory.WriteError),
        };
        return new ErrorRecord(exception, id, category, result.ObjectKey);
    }
}
