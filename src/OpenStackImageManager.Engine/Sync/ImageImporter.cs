using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// One Create item: create the image (private, with its properties and tags so an interrupted run
/// can find it), import its bytes, wait for <c>active</c>, verify the checksum, then one PATCH for
/// what depends on the stored image (min_disk from its size) and the visibility. Any failure deletes
/// the half-made image.
/// </summary>
internal sealed class ImageImporter
{
    private readonly SyncRun _run;
    private readonly ExecutionOptions _options;
    private readonly IOperationLog _log;
    private readonly HttpClient _upstream;

    // upstream: the run's client for upstream files and mirror probes.
    public ImageImporter(SyncRun run, ExecutionOptions options, HttpClient upstream, IOperationLog log)
    {
        _run = run;
        _options = options;
        _upstream = upstream;
        _log = log;
    }

    public async Task<ExecutedChange> CreateAsync(ImageChange change, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var definition = change.Definition ?? throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{change.ImageName}: a Create item needs its definition");
        var version = change.ImageVersion ?? throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{change.ImageName}: a Create item needs its version");
        var glance = _run.Glance;
        var activity = ActivityId(change);
        GlanceImage? image = null;
        var outcome = new ImportOutcome();
        try
        {
            var method = MethodOf(change);
            outcome.Method = method;
            image = await ReplaceOrReuseAsync(change, cancellationToken).ConfigureAwait(false)
                ?? await glance.CreateImageAsync(CreateBody(change, definition), cancellationToken).ConfigureAwait(false);
            _log.Verbose($"{change.ImageName}: created image {image.Id}; importing by {ImageChanges.MethodText(method)}.");
            Progress(activity, change, "created");
            await ImportAsync(image, method, definition, version, outcome, activity, change, cancellationToken).ConfigureAwait(false);
            image = await ImportWaiter.WaitForActiveAsync(glance, image.Id, change.ImageName, _options.ImportTimeout, _options,
                status => Progress(activity, change, status), cancellationToken).ConfigureAwait(false);
            outcome.Checksum = VerifyAfterImport(image, change, definition, version, method, outcome);
            image = await FinishAsync(image, change.Target, cancellationToken).ConfigureAwait(false);
            Progress(activity, change, "active", completed: true);
            return new ExecutedChange(Result(change, SyncOutcome.Succeeded, image, clock, outcome, $"imported {Bytes(outcome.Bytes)}"), null);
        }
        catch (Exception ex) when (ex is OpenStackException or IOException or InvalidDataException or System.Security.Cryptography.CryptographicException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested) || ex is UpstreamException || ex.GetType().Namespace?.StartsWith("SharpCompress", StringComparison.Ordinal) == true)
        {
            var error = ex as OpenStackException
                ?? new OpenStackException(ex is UpstreamException ? OpenStackErrorKind.Connection : OpenStackErrorKind.Unknown, $"{change.ImageName}: the import failed: {ex.Message}", ex) { Target = change.ImageName };
            await DeleteHalfMadeAsync(image, change).ConfigureAwait(false);
            Progress(activity, change, "failed", completed: true);
            return new ExecutedChange(Result(change, SyncOutcome.Failed, null, clock, outcome, error.Message), error);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user: leave nothing half-made behind that a later run would have to clean up.
            await DeleteHalfMadeAsync(image, change).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The method the plan resolved (the planner is its one owner); an item without one was not made by a planner.</summary>
    private static ImportMethod MethodOf(ImageChange change) =>
        change.ImportMethod is { } method && method != ImportMethod.Auto
            ? method
            : throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{change.ImageName}: the Create item names no import method; plan it with Compare-GlanceImage") { Target = change.ImageName };

    /// <summary>A queued half-made image of this version is reused (its id may be fixed); any other is deleted.</summary>
    private async Task<GlanceImage?> ReplaceOrReuseAsync(ImageChange change, CancellationToken cancellationToken)
    {
        if (change.Image is not { } halfMade)
        {
            return null;
        }

        var current = await TryGetAsync(halfMade.Id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        if (current.Status == "queued")
        {
            _log.Verbose($"{change.ImageName}: reusing the queued image {current.Id} an earlier run left.");
            return current;
        }

        _log.Verbose($"{change.ImageName}: deleting the half-made image {current.Id} ({current.Status}) an earlier run left.");
        await _run.Glance.DeleteImageAsync(current.Id, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The image as the plan's target describes it, but private until it is active and verified: nobody boots a half-made image.</summary>
    private static JsonObject CreateBody(ImageChange change, ImageDefinition definition)
    {
        var target = change.Target;
        var body = new JsonObject
        {
            ["name"] = change.ImageName,
            ["disk_format"] = definition.Format,
            ["container_format"] = "bare",
            ["visibility"] = "private",
            ["min_disk"] = target.MinDisk ?? definition.MinDisk,
            ["min_ram"] = target.MinRam ?? definition.MinRam,
        };
        if (change.ImageId is { } id)
        {
            body["id"] = id;
        }

        foreach (var (key, value) in target.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            body[key] = value;
        }

        if (target.Tags is { } tags)
        {
            body["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        }

        return body;
    }

    private async Task ImportAsync(
        GlanceImage image, ImportMethod method, ImageDefinition definition, ImageVersion version, ImportOutcome outcome, int activity, ImageChange change, CancellationToken cancellationToken)
    {
        if (method == ImportMethod.WebDownload)
        {
            var url = await ImageSource.ResolveForWebDownloadAsync(version, _upstream, FetchPolicy.For(_options.Upstream), _log, cancellationToken).ConfigureAwait(false);
            outcome.SourceUrl = url;
            await _run.Glance.ImportAsync(image.Id, new ImageImportRequest { Method = ImportMethods.WebDownload, Uri = new Uri(url) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var checksum = change.Settings.ChecksumPolicy == ChecksumPolicy.Skip ? null : ImageSource.Declared(version) ?? UpstreamDigest(change);
        // The size is known once the source is open (Content-Length of an uncompressed file); the callback
        // reads it then, so a known size shows as a percentage and an unknown one as bytes sent.
        long? size = null;
        using var source = await ImageSource.OpenAsync(version, checksum, _options.Upstream.WithCatalog(definition.SourceFile), _upstream, bytes => Sent(activity, change, bytes, size), _log, cancellationToken).ConfigureAwait(false);
        size = source.ContentLength;
        outcome.SourceUrl = source.Url;
        if (method == ImportMethod.GlanceDirect)
        {
            await _run.Glance.StageAsync(image.Id, source.Content, source.ContentLength, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _run.Glance.UploadAsync(image.Id, source.Content, source.ContentLength, cancellationToken).ConfigureAwait(false);
        }

        outcome.Bytes = source.SourceBytes;
        if (checksum is not null)
        {
            if (!source.Hashes.Verify(out var detail))
            {
                outcome.Checksum = ChecksumVerification.Mismatch;
                throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                    $"{change.ImageName}: checksum mismatch for {UpstreamSource.Show(source.Url)}: declared {checksum}, but {detail}; the new image was deleted") { Target = change.ImageName };
            }

            outcome.Checksum = ChecksumVerification.Verified;
        }

        if (method == ImportMethod.GlanceDirect)
        {
            await _run.Glance.ImportAsync(image.Id, new ImageImportRequest { Method = ImportMethods.GlanceDirect }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For a <c>latest</c> version the digest read from checksums_url/checksum_url is what the bytes must
    /// match (it also decided that this import happens); its length names the algorithm.
    /// </summary>
    private static ImageChecksum? UpstreamDigest(ImageChange change)
    {
        if (change.ImageVersion is not { IsLatest: true }
            || change.Target.Properties.GetValueOrDefault(DesiredImage.UpstreamChecksum) is not { } digest)
        {
            return null;
        }

        return ImageChecksum.FromDigest(digest);
    }

    /// <summary>
    /// After web-download only Glance's own hash is there; whether it can stand for the declared one is
    /// <see cref="ImportMethods.GlanceHashComparable"/>'s decision, asked here with what Glance really stored
    /// and the URL Glance really fetched. The policy is the plan's.
    /// </summary>
    private ChecksumVerification VerifyAfterImport(GlanceImage image, ImageChange change, ImageDefinition definition, ImageVersion version, ImportMethod method, ImportOutcome outcome)
    {
        if (method != ImportMethod.WebDownload || version.Checksum is not { } declared)
        {
            return outcome.Checksum;
        }

        var policy = change.Settings.ChecksumPolicy;
        if (policy == ChecksumPolicy.Skip)
        {
            return ChecksumVerification.Skipped;
        }

        if (ImportMethods.GlanceHashComparable(definition.Format, declared, outcome.SourceUrl ?? version.DownloadUrl, image.HashAlgorithm))
        {
            if (!declared.Matches(image.HashValue))
            {
                outcome.Checksum = ChecksumVerification.Mismatch;
                throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                    $"{version.GlanceName}: checksum mismatch: declared {declared}, Glance stored {image.HashAlgorithm}:{image.HashValue}; the new image was deleted") { Target = version.GlanceName };
            }

            return ChecksumVerification.VerifiedByGlance;
        }

        if (policy == ChecksumPolicy.Require)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                $"{version.GlanceName}: the declared {declared.Algorithm} checksum cannot be verified after web-download (Glance stores {image.HashAlgorithm} of the converted image); plan with -ImportMethod Auto or GlanceDirect, or -ChecksumPolicy BestEffort") { Target = version.GlanceName };
        }

        _log.Warning($"{version.GlanceName}: the declared checksum could not be verified (web-download; Glance stores {image.HashAlgorithm} of what it stored).");
        return ChecksumVerification.Unverified;
    }

    /// <summary>
    /// What the stored image still lacks of the Create item's target (min_disk raised to the stored size,
    /// the planned visibility, os_hidden and status, and anything a reused half-made image misses), sent
    /// through the same writes as every other change: one patch, the one order.
    /// </summary>
    private async Task<GlanceImage> FinishAsync(GlanceImage image, ImageTarget target, CancellationToken cancellationToken) =>
        await ImageWrites.WriteAsync(_run.Glance, image, TargetDifference.Of(target, image), _log, cancellationToken).ConfigureAwait(false);

    private async Task DeleteHalfMadeAsync(GlanceImage? image, ImageChange change)
    {
        if (image is null)
        {
            return;
        }

        // Cleanup must run even when the user stopped the run; it gets its own short deadline.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _run.Glance.DeleteImageAsync(image.Id, cleanup.Token).ConfigureAwait(false);
            _log.Verbose($"{change.ImageName}: deleted the half-made image {image.Id}.");
        }
        catch (Exception ex) when (ex is OpenStackException or OperationCanceledException)
        {
            _log.Warning($"{change.ImageName}: the half-made image {image.Id} could not be deleted ({ex.Message}); the next run replaces it.");
        }
    }

    private async Task<GlanceImage?> TryGetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _run.Glance.GetImageAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void Progress(int activity, ImageChange change, string status, bool completed = false) =>
        _log.Progress(new OperationProgress(activity, $"Import {change.ImageName}", status, Completed: completed));

    private void Sent(int activity, ImageChange change, long bytes, long? size) =>
        _log.Progress(new OperationProgress(
            activity,
            $"Import {change.ImageName}",
            TransferProgressText.Sent(bytes, size),
            TransferProgressText.Percent(bytes, size),
            BytesDone: bytes,
            BytesTotal: size));

    private static int ActivityId(ImageChange change) => 1000 + (int)((uint)StringComparer.Ordinal.GetHashCode($"{change.Cloud}/{change.ImageName}") % 100000);

    private static ImageSyncResult Result(ImageChange change, SyncOutcome outcome, GlanceImage? image, Stopwatch clock, ImportOutcome import, string message) => new()
    {
        Change = change,
        Outcome = outcome,
        ImageId = image?.Id ?? change.ImageId,
        Duration = clock.Elapsed,
        BytesTransferred = import.Bytes,
        ImportMethod = import.Method,
        SourceUrl = import.SourceUrl is { } url ? UpstreamSource.Show(url) : null,
        Checksum = import.Checksum,
        Message = message,
        Image = image,
    };

    internal static string Bytes(long bytes) => bytes switch
    {
        0 => "0 bytes through us",
        < 1 << 20 => $"{bytes} bytes",
        _ => $"{bytes / (double)(1 << 20):0.0} MiB",
    };

    private sealed class ImportOutcome
    {
        public ImportMethod? Method { get; set; }

        public string? SourceUrl { get; set; }

        public long Bytes { get; set; }

        public ChecksumVerification Checksum { get; set; }
    }
}
