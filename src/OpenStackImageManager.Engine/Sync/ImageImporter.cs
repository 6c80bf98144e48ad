using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// One Create item. Only verified bytes ever become visible or adoptable: the image is created private,
/// under a staging name (<see cref="StagingName"/>) and with the pending marker
/// (<see cref="DesiredImage.PendingKey"/> = the run id) next to everything else known at create time;
/// its bytes are imported, Glance's import is awaited, the checksum verified; then ONE PATCH sets the
/// final name, removes the marker and sets what depends on the stored image (min_disk) and the
/// visibility. Any failure deletes the new image (with retries), and the message says whether it was.
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
            image = await PrepareAsync(change, cancellationToken).ConfigureAwait(false);
            if (image is null)
            {
                image = await glance.CreateImageAsync(CreateBody(change, definition, _run.RunId), cancellationToken).ConfigureAwait(false);
                _log.Verbose($"{change.ImageName}: created image {image.Id} as '{image.Name}' (private, {DesiredImage.PendingKey}={_run.RunId}); importing by {ImageChanges.MethodText(method)}.");
            }

            Progress(activity, change, "created");
            var request = await SendBytesAsync(image, method, definition, version, outcome, activity, change, cancellationToken).ConfigureAwait(false);
            // Only Glance's own work holds a slot of the run's import throttle: the next images are created and
            // staged while earlier ones import, so Glance gets the next import the moment a slot frees.
            using (await ImportThrottle.For(glance, _options.ThrottleLimit).EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                if (request is not null)
                {
                    await glance.ImportAsync(image.Id, request, cancellationToken).ConfigureAwait(false);
                }

                image = await ImportWaiter.WaitForActiveAsync(glance, image.Id, change.ImageName, _options.ImportTimeout, _options,
                    status => Progress(activity, change, status), cancellationToken).ConfigureAwait(false);
            }

            if (StaleImportLock.IsHeld(image))
            {
                _log.Warning($"{change.ImageName}: Glance's import task left its lock on image {image.Id}; the image is judged by its hash, not by the lock.");
            }

            outcome.Checksum = VerifyAfterImport(image, change, definition, version, method, outcome);
            image = await FinishAsync(image, change.Target, cancellationToken).ConfigureAwait(false);
            await RetireReplacedAsync(change, definition, version, image, cancellationToken).ConfigureAwait(false);
            Progress(activity, change, "active", completed: true);
            return new ExecutedChange(Result(change, SyncOutcome.Succeeded, image, clock, outcome, $"imported {Bytes(outcome.Bytes)}"), null);
        }
        catch (Exception ex) when (ex is OpenStackException or IOException or InvalidDataException or System.Security.Cryptography.CryptographicException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested) || ex is UpstreamException || ex.GetType().Namespace?.StartsWith("SharpCompress", StringComparison.Ordinal) == true)
        {
            var cause = ex as OpenStackException
                ?? new OpenStackException(ex is UpstreamException ? OpenStackErrorKind.Connection : OpenStackErrorKind.Unknown, $"{change.ImageName}: the import failed: {ex.Message}", ex) { Target = change.ImageName };
            // What happened to the new image is part of the error: "deleted" only when it really was.
            var cleanup = await DeleteUnverifiedAsync(image, change).ConfigureAwait(false);
            var error = cleanup is null ? cause : new OpenStackException(cause.Kind, $"{cause.Message}; {cleanup}", cause) { Target = cause.Target ?? change.ImageName };
            Progress(activity, change, "failed", completed: true);
            return new ExecutedChange(Result(change, SyncOutcome.Failed, null, clock, outcome, error.Message), error);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user: leave nothing half-made behind that a later run would have to clean up.
            var cleanup = await DeleteUnverifiedAsync(image, change).ConfigureAwait(false);
            if (cleanup is not null)
            {
                _log.Warning($"{change.ImageName}: stopped; {cleanup}.");
            }

            throw;
        }
    }

    /// <summary>The staging name a new image carries until its bytes are verified: never the bare name a user or Nova would pick.</summary>
    /// <remarks>Glance refuses names over 255 characters; a final name that long keeps its start, so the import can still be created.</remarks>
    internal static string StagingName(string finalName) =>
        finalName.Length + StagingSuffix.Length <= Definitions.GlanceLimits.NameLength
            ? finalName + StagingSuffix
            : finalName[..(Definitions.GlanceLimits.NameLength - StagingSuffix.Length)] + StagingSuffix;

    private const string StagingSuffix = " (importing)";

    /// <summary>
    /// The name and version label the current image of a version gets once a re-import replaced it: the
    /// label <c>{version}-replaced-{its creation date}</c> is a version the YAML does not list, so the image
    /// becomes rotation's material (kept in the window, retired after, deleted only with the delete switches).
    /// </summary>
    internal static string ReplacedLabel(ImageVersion version, GlanceImage replaced) =>
        $"{version.Version}-replaced-{(replaced.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime:yyyyMMdd}";

    internal static string ReplacedName(ImageDefinition definition, ImageVersion version, GlanceImage replaced) =>
        Definitions.ImageNaming.GlanceName(definition, ReplacedLabel(version, replaced), isCurrent: false);

    /// <summary>The method the plan resolved (the planner is its one owner); an item without one was not made by a planner.</summary>
    private static ImportMethod MethodOf(ImageChange change) =>
        change.ImportMethod is { } method && method != ImportMethod.Auto
            ? method
            : throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"{change.ImageName}: the Create item names no import method; plan it with Compare-GlanceImage") { Target = change.ImageName };

    /// <summary>
    /// What an earlier run left for this version. The current image a re-import replaces stays (it is
    /// renamed only after the new one is verified). A half-made image is deleted, except one case: a
    /// <c>queued</c> image with the version's fixed id, no failed import and no import lock is reused,
    /// because Glance never gives a deleted image's id to a new image (a create with it answers 409), so
    /// deleting it would make the fixed id impossible to create. One with a failure marker is not reused:
    /// Glance clears <c>os_glance_failed_import</c> only after a successful import, so it would look failed again.
    /// A fixed id without a planned image is looked up (one GET), as a lease may hide pending images from planning.
    /// </summary>
    private async Task<GlanceImage?> PrepareAsync(ImageChange change, CancellationToken cancellationToken)
    {
        var known = change.Image;
        if (known is not null && DesiredImage.IsFinished(known) && known.Id != change.ImageId)
        {
            return null;
        }

        var id = known?.Id ?? change.ImageId;
        if (id is null)
        {
            return null;
        }

        var current = await TryGetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        if (_run.ProjectId is { } project && current.Owner is { } owner && owner != project)
        {
            throw new OpenStackException(OpenStackErrorKind.Conflict, $"{change.ImageName}: the id {id} belongs to image '{current.Name}' of another project; nothing was changed") { Target = id };
        }

        var fixedId = change.ImageId == current.Id;
        if (fixedId && current.Status == "queued"
            && string.IsNullOrEmpty(current.Properties.GetValueOrDefault("os_glance_failed_import"))
            && !StaleImportLock.IsHeld(current))
        {
            _log.Verbose($"{change.ImageName}: reusing the queued image {current.Id} an earlier run left (its id is fixed by the definition).");
            // It becomes this run's pending image, under the staging name, private: one PATCH.
            var claim = new ImageTarget
            {
                Name = current.Name == StagingName(change.ImageName) ? null : StagingName(change.ImageName),
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { [DesiredImage.PendingKey] = _run.RunId },
                Visibility = current.Visibility == "private" ? null : "private",
            };
            return await ImageWrites.WriteAsync(_run.Glance, current, claim, _log, cancellationToken).ConfigureAwait(false);
        }

        if (DesiredImage.IsFinished(current))
        {
            throw new OpenStackException(OpenStackErrorKind.Conflict, $"{change.ImageName}: the fixed id {id} is already image '{current.Name}' ({current.Status}); nothing was changed") { Target = id };
        }

        _log.Verbose($"{change.ImageName}: deleting the half-made image {current.Id} ({current.Status}) an earlier run left.");
        var deleted = await DeleteWithRetriesAsync(current.Id, cancellationToken).ConfigureAwait(false);
        if (deleted is not null)
        {
            throw new OpenStackException(OpenStackErrorKind.Conflict, $"{change.ImageName}: the half-made image {current.Id} an earlier run left could not be deleted ({deleted.Message}); nothing was created") { Target = current.Id };
        }

        if (fixedId)
        {
            throw new OpenStackException(OpenStackErrorKind.Conflict,
                $"{change.ImageName}: the half-made image {current.Id} an earlier run left ({current.Status}{(current.Properties.ContainsKey("os_glance_failed_import") ? ", failed import" : string.Empty)}) was deleted; "
                + $"Glance never gives a deleted image's id to a new image, so the version's fixed id {current.Id} cannot be created again: give the version a new id (or none) in its definition") { Target = current.Id };
        }

        return null;
    }

    /// <summary>
    /// Everything known at create time (properties, tags, min_ram, min_disk as the definition says), but
    /// private, under the staging name and with the pending marker until the bytes are verified: nobody
    /// boots, shares or adopts unverified bytes, even when this process dies in between.
    /// </summary>
    internal static JsonObject CreateBody(ImageChange change, ImageDefinition definition, string runId)
    {
        var target = change.Target;
        var body = new JsonObject
        {
            ["name"] = StagingName(change.ImageName),
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

        body[DesiredImage.PendingKey] = runId;

        if (target.Tags is { } tags)
        {
            body["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        }

        return body;
    }

    /// <summary>
    /// Everything before Glance's import: the URL Glance fetches (web-download), or the bytes streamed to
    /// the stage (glance-direct) or the image (upload) and verified on the way. The import request to send
    /// then, or null when the bytes are already the image's (upload).
    /// </summary>
    private async Task<ImageImportRequest?> SendBytesAsync(
        GlanceImage image, ImportMethod method, ImageDefinition definition, ImageVersion version, ImportOutcome outcome, int activity, ImageChange change, CancellationToken cancellationToken)
    {
        if (method == ImportMethod.WebDownload)
        {
            var url = await ImageSource.ResolveForWebDownloadAsync(version, _upstream, FetchPolicy.For(_options.Upstream), _log, cancellationToken).ConfigureAwait(false);
            outcome.SourceUrl = url;
            return new ImageImportRequest { Method = ImportMethods.WebDownload, Uri = new Uri(url) };
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
                    $"{change.ImageName}: checksum mismatch for {UpstreamSource.Show(source.Url)}: declared {checksum}, but {detail}; nothing was imported") { Target = change.ImageName };
            }

            outcome.Checksum = ChecksumVerification.Verified;
        }

        return method == ImportMethod.GlanceDirect ? new ImageImportRequest { Method = ImportMethods.GlanceDirect } : null;
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
    /// (its algorithm, and whether it converted the image: Glance changes disk_format when it does) and the
    /// URL Glance really fetched. The policy is the plan's.
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

        var converted = !string.Equals(image.DiskFormat, definition.Format, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(image.HashValue)
            && ImportMethods.GlanceHashComparable(declared, outcome.SourceUrl ?? version.DownloadUrl, image.HashAlgorithm, converted))
        {
            if (!declared.Matches(image.HashValue))
            {
                outcome.Checksum = ChecksumVerification.Mismatch;
                throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                    $"{version.GlanceName}: checksum mismatch: declared {declared}, Glance stored {image.HashAlgorithm}:{image.HashValue}") { Target = version.GlanceName };
            }

            return ChecksumVerification.VerifiedByGlance;
        }

        var why = converted
            ? $"Glance converted the image to {image.DiskFormat} before hashing it"
            : $"Glance hashed what it stored with {image.HashAlgorithm ?? "no algorithm"}";
        if (policy == ChecksumPolicy.Require)
        {
            outcome.Checksum = ChecksumVerification.Unverified;
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest,
                $"{version.GlanceName}: the declared {declared.Algorithm} checksum cannot be verified after web-download ({why}); plan again with streaming through this host") { Target = version.GlanceName };
        }

        _log.Warning($"{version.GlanceName}: the declared checksum could not be verified (web-download; {why}).");
        return ChecksumVerification.Unverified;
    }

    /// <summary>
    /// The one PATCH after verification (<see cref="TargetDifference.AfterVerification"/>): the final
    /// name, the pending marker removed, min_disk raised to the stored size, the planned visibility and
    /// os_hidden, and whatever a reused half-made image lacks; the YAML's deactivated status through the
    /// same writes (<see cref="ImageWrites.Order"/>). Name and visibility cannot go into the create request:
    /// until the bytes are verified the image must be neither findable by its name nor visible to others.
    /// </summary>
    private async Task<GlanceImage> FinishAsync(GlanceImage image, ImageTarget target, CancellationToken cancellationToken) =>
        await ImageWrites.WriteAsync(_run.Glance, image, TargetDifference.AfterVerification(target, image), _log, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A re-import's last step: the image it replaces steps aside under <see cref="ReplacedName"/> with the
    /// version label <see cref="ReplacedLabel"/>. Only now, after the new image is verified and named, so
    /// nothing is lost when the import fails. A failure here fails nothing: the next run sees two images of
    /// the version, uses the newer (verified) one and reports the other as a duplicate.
    /// </summary>
    private async Task RetireReplacedAsync(ImageChange change, ImageDefinition definition, ImageVersion version, GlanceImage created, CancellationToken cancellationToken)
    {
        if (change.Image is not { } replaced || !DesiredImage.IsFinished(replaced) || replaced.Id == created.Id)
        {
            return;
        }

        var aside = new ImageTarget
        {
            Name = ReplacedName(definition, version, replaced),
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { [DesiredImage.InternalVersion] = ReplacedLabel(version, replaced) },
        };
        try
        {
            await ImageWrites.WriteAsync(_run.Glance, replaced, aside, _log, cancellationToken).ConfigureAwait(false);
            _log.Verbose($"{change.ImageName}: the replaced image {replaced.Id} is now '{aside.Name}'.");
        }
        catch (OpenStackException ex)
        {
            _log.Warning($"{change.ImageName}: the new image {created.Id} is verified and in place, but the replaced image {replaced.Id} could not be renamed ({ex.Message}); the next run reports it as a duplicate.");
        }
    }

    /// <summary>
    /// Deletes a new image that holds unverified or wrong bytes, and says what happened, for the error
    /// message: null when there was no image, else "deleted" only when Glance confirmed it.
    /// </summary>
    private async Task<string?> DeleteUnverifiedAsync(GlanceImage? image, ImageChange change)
    {
        if (image is null)
        {
            return null;
        }

        // Cleanup must run even when the user stopped the run; it gets its own deadline.
        using var deadline = new CancellationTokenSource(DeleteDeadline);
        var failure = await DeleteWithRetriesAsync(image.Id, deadline.Token).ConfigureAwait(false);
        if (failure is null)
        {
            _log.Verbose($"{change.ImageName}: deleted the new image {image.Id}.");
            return $"the new image {image.Id} was deleted";
        }

        var text = $"the new image {image.Id} could not be deleted ({failure.Message}); it stays private and marked pending, and the next run deletes it";
        _log.Warning($"{change.ImageName}: {text}.");
        return text;
    }

    /// <summary>How long the cleanup of one image may take, retries included.</summary>
    internal static TimeSpan DeleteDeadline { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts of a cleanup DELETE (Glance answers a DELETE's 500 without retry by the HTTP policy: not a read).</summary>
    internal const int DeleteAttempts = 3;

    /// <summary>
    /// DELETE with up to <see cref="DeleteAttempts"/> attempts and a doubling pause (1 s, 2 s); a 404 means
    /// it is gone. Returns null when the image is gone, else the last error.
    /// </summary>
    private async Task<Exception?> DeleteWithRetriesAsync(string id, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var pause = DeletePause;
        for (var attempt = 1; attempt <= DeleteAttempts; attempt++)
        {
            try
            {
                await _run.Glance.DeleteImageAsync(id, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (OpenStackApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (OpenStackException ex)
            {
                last = ex;
            }
            catch (OperationCanceledException ex)
            {
                return ex;
            }

            if (attempt < DeleteAttempts)
            {
                try
                {
                    await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex)
                {
                    return last ?? ex;
                }

                pause *= 2;
            }
        }

        return last;
    }

    /// <summary>The first pause between cleanup attempts; tests shorten it.</summary>
    internal TimeSpan DeletePause { get; init; } = TimeSpan.FromSeconds(1);

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
