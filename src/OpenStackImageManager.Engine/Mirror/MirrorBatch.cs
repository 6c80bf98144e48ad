using System.Collections.Concurrent;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>One object a definition version maps to: either a request to approve, or why there is none.</summary>
public sealed record MirrorCandidate(ImageDefinition Definition, MirrorRequest? Request, string? Warning, string? Error)
{
    /// <summary>The object as the ShouldProcess target and the log name it.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>What would be done, for ShouldProcess / --dry-run.</summary>
    public string Action { get; init; } = string.Empty;
}

/// <summary>
/// One mirror run, shared by Sync-ImageMirror and <c>openstack-image-manager mirror</c>: plan the objects
/// of each definition (Python-compatible keys or a template; one object per key), let the front end
/// approve them, then transfer the approved ones in parallel and return the results in approval order.
/// </summary>
public sealed class MirrorBatch(S3Settings settings, string prefix, string? keyTemplate, bool force)
{
    private readonly List<MirrorRequest> _approved = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public S3Settings Settings => settings;

    public IReadOnlyList<MirrorRequest> Approved => _approved;

    /// <summary>The candidates of every version of <paramref name="definition"/>; a key planned earlier in this run is not planned twice.</summary>
    public IEnumerable<MirrorCandidate> Plan(ImageDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var item in MirrorItems.From(definition))
        {
            var entry = MirrorPlanner.Plan(item, settings.Bucket, prefix, keyTemplate);
            if (entry.PassedOver)
            {
                yield return new MirrorCandidate(definition, null, entry.Problem, null);
                continue;
            }

            if (entry.Request is not { } request)
            {
                yield return new MirrorCandidate(definition, null, null, entry.Problem);
                continue;
            }

            var target = $"s3://{settings.Bucket}/{request.ObjectKey}";
            if (!_keys.Add(request.ObjectKey))
            {
                yield return new MirrorCandidate(definition, null, $"{target} is already planned by another version in this run; '{definition.Name}' version {item.Source.Version} is not mirrored again.", null);
                continue;
            }

            var action = $"Mirror {request.SourceUrl}{(request.Compression == SourceCompression.None ? string.Empty : " (decompressed)")}{(force ? " (-Force)" : string.Empty)}";
            yield return new MirrorCandidate(definition, request, null, null) { Target = target, Action = action };
        }
    }

    public void Approve(MirrorRequest request) => _approved.Add(request);

    /// <summary>Definition versions that could not be planned (reported through <see cref="IMirrorApproval.Error"/>).</summary>
    public int PlanningErrors { get; private set; }

    /// <summary>
    /// The approval loop both front ends run, on their own thread as definitions arrive: every candidate
    /// of <paramref name="definition"/> is a warning (passed over), an error (cannot be mirrored) or a
    /// question to <paramref name="approval"/> (ShouldProcess, or --dry-run's "no"); what is approved is
    /// transferred by <see cref="RunAsync"/>.
    /// </summary>
    public void Consider(ImageDefinition definition, IMirrorApproval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        foreach (var candidate in Plan(definition))
        {
            if (candidate.Warning is { } warning)
            {
                approval.Warning(warning);
            }
            else if (candidate.Request is not { } request)
            {
                PlanningErrors++;
                approval.Error(definition, candidate.Error ?? "cannot be mirrored");
            }
            else if (approval.Approve(candidate))
            {
                Approve(request);
            }
        }
    }

    /// <summary>Transfers the approved objects, at most <paramref name="throttleLimit"/> at once; results in approval order.</summary>
    public async Task<IReadOnlyList<MirrorResult>> RunAsync(int throttleLimit, IOperationLog log, CancellationToken cancellationToken)
    {
        if (_approved.Count == 0)
        {
            return [];
        }

        var results = new ConcurrentQueue<MirrorResult>();
        using (var mirror = new ImageMirror(settings, new MirrorOptions { Force = force }, log))
        {
            await mirror.MirrorAllAsync(_approved, throttleLimit, results.Enqueue, cancellationToken).ConfigureAwait(false);
        }

        var order = _approved.Select((r, i) => (r.ObjectKey, i)).ToDictionary(p => p.ObjectKey, p => p.i, StringComparer.Ordinal);
        return results.OrderBy(r => order[r.ObjectKey]).ToArray();
    }
}
