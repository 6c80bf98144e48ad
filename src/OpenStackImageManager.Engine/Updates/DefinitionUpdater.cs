using Amazon.S3;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Engine.Updates.Editing;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Update-ImageDefinition and <c>update</c>: turns an <see cref="ImageUpdate"/> into a text edit of its
/// definition file, decides the <c>mirror_url</c> (written only when the mirror holds the object, or
/// after the mirror engine put it there in this run), validates the edited text and writes it atomically.
/// </summary>
public sealed class DefinitionUpdater : IDisposable
{
    private readonly UpstreamWeb _web;
    private readonly UpdateOptions _options;
    private readonly MirrorTarget? _mirror;
    private readonly ImageMirror? _storage;

    public DefinitionUpdater(UpdateOptions options, MirrorTarget? mirror, IOperationLog log)
        : this(options, mirror, log, null)
    {
    }

    internal DefinitionUpdater(UpdateOptions options, MirrorTarget? mirror, IOperationLog log, IAmazonS3? s3)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The mirror's bucket is the user's own choice, not the catalog's: its host may be read even where
        // the fetch policy refuses the address (an S3 endpoint on the same machine).
        if (mirror is not null)
        {
            options = options with { Upstream = options.Upstream with { AllowedHosts = [.. options.Upstream.AllowedHosts, $"{mirror.BaseUrl.IdnHost}:{mirror.BaseUrl.Port}"] } };
        }

        _options = options;
        _mirror = mirror;
        _web = new UpstreamWeb(options);
        if (mirror?.Storage is { } storage)
        {
            _storage = new ImageMirror(storage, new MirrorOptions { Upstream = options.Upstream }, log, _web.Client, s3);
        }
    }

    /// <summary>The policy <see cref="CatalogUpdatePolicy.Auto"/> stands for with this update's source.</summary>
    public static CatalogUpdatePolicy Resolve(CatalogUpdatePolicy policy, ImageUpdate update) =>
        policy != CatalogUpdatePolicy.Auto ? policy
        : update?.SourceKind == UpdateSourceKind.GitHubRelease ? CatalogUpdatePolicy.Append : CatalogUpdatePolicy.ReplaceNewest;

    /// <summary>
    /// The edit for <paramref name="update"/>: the file's text with the new build, checked to load clean.
    /// The mirror is asked (HEAD) whether it has the object; with storage, a missing object becomes a
    /// transfer that <see cref="WriteAsync"/> runs before it writes.
    /// </summary>
    /// <exception cref="CatalogEditException">The file cannot be edited as asked, or the result would not load.</exception>
    public async Task<PreparedEdit> PrepareAsync(ImageUpdate update, CatalogUpdatePolicy policy, int keep, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        log ??= NullOperationLog.Instance;
        var resolved = Resolve(policy, update);
        var (mirrorUrl, transfer) = await MirrorUrlAsync(update, log, cancellationToken).ConfigureAwait(false);
        var before = Yaml.YamlFileReader.ReadAllText(update.File);
        var values = new NewVersionValues(update.NewVersion, update.Url, mirrorUrl, update.Checksum, update.BuildDate);
        var change = DefinitionTextEditor.Edit(before, update.DefinitionName, values, resolved, keep);
        DefinitionFileWriter.Validate(update.File, change.Text, update.DefinitionName, update.NewVersion);
        var edit = new ImageDefinitionEdit
        {
            File = update.File,
            DefinitionName = update.DefinitionName,
            OldVersion = change.OldVersion,
            NewVersion = update.NewVersion,
            Policy = resolved,
            MirrorUrl = mirrorUrl,
            RemovedVersions = change.RemovedVersions,
            Diff = LineDiff.Unified(before, change.Text, update.File),
        };
        return new PreparedEdit(update, edit, before, change.Text, transfer);
    }

    /// <summary>Mirrors first when the edit needs it (a failed transfer writes nothing), then writes the file atomically.</summary>
    public async Task<ImageDefinitionEdit> WriteAsync(PreparedEdit prepared, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Mirror is { } request && _storage is not null)
        {
            var result = await _storage.MirrorAsync(request, 1, cancellationToken).ConfigureAwait(false);
            if (result.Status == MirrorStatus.Failed)
            {
                throw new CatalogEditException($"'{prepared.Update.DefinitionName}' {prepared.Update.NewVersion}: mirroring into {result.Bucket}/{result.ObjectKey} failed ({result.Error}); the file was not written, so no mirror_url names a missing object.");
            }

            (log ?? NullOperationLog.Instance).Verbose($"{result.Status}: {result.Bucket}/{result.ObjectKey} ({result.Bytes:N0} bytes, checksum {(result.ChecksumVerified ? "verified" : "not verified")}).");
        }

        DefinitionFileWriter.Write(prepared.Edit.File, prepared.Before, prepared.After);
        return new ImageDefinitionEdit
        {
            File = prepared.Edit.File,
            DefinitionName = prepared.Edit.DefinitionName,
            OldVersion = prepared.Edit.OldVersion,
            NewVersion = prepared.Edit.NewVersion,
            Policy = prepared.Edit.Policy,
            MirrorUrl = prepared.Edit.MirrorUrl,
            RemovedVersions = prepared.Edit.RemovedVersions,
            Diff = prepared.Edit.Diff,
            Written = true,
        };
    }

    public void Dispose()
    {
        _storage?.Dispose();
        _web.Dispose();
    }

    private async Task<(string? Url, MirrorRequest? Transfer)> MirrorUrlAsync(ImageUpdate update, IOperationLog log, CancellationToken cancellationToken)
    {
        if (_mirror is null)
        {
            return (null, null);
        }

        var definition = update.Definition;
        var source = new MirrorKeySource(definition.Name, definition.ShortName, definition.Format, update.NewVersion, new Uri(update.Url), null);
        var key = MirrorKeyLayout.KeyFor(source, _mirror.Storage?.Bucket ?? string.Empty, _mirror.Prefix, _mirror.KeyTemplate);
        var url = _mirror.BaseUrl.ToString().TrimEnd('/') + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        if (_storage is not null)
        {
            var checksum = ImageChecksum.Parse(update.Checksum);
            return (url, MirrorRequest.For(definition.Name, update.NewVersion, new Uri(_options.Rewrite(update.Url)), key, checksum));
        }

        var (exists, answer) = await _web.ExistsAsync(url, log, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            return (url, null);
        }

        log.Warning($"'{definition.Name}' {update.NewVersion}: the mirror has no {UpstreamSource.Show(url)} ({answer}); the version is written without mirror_url. Mirror it (-Mirror) to have one.");
        return (null, null);
    }
}
