using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Finds the newest upstream build of each definition (Find-ImageUpdate, <c>update</c>): derive the
/// source, read it, compare with the catalog's newest version, and with <see cref="UpdateOptions.Verify"/>
/// stream the new build and match its checksum. A definition whose source answers wrongly is an error
/// for that definition only; the others go on.
/// </summary>
public sealed class CatalogUpdates : IDisposable
{
    private readonly UpdateOptions _options;
    private readonly UpstreamWeb _web;
    private readonly UpdateFinder _finder;

    public CatalogUpdates(UpdateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _web = new UpstreamWeb(options);
        _finder = new UpdateFinder(_web);
    }

    /// <summary>Requests sent so far (listings, manifests, HEADs, release lists; the verifying downloads not counted).</summary>
    public int Requests => _web.Requests;

    public async Task<UpdateCheck> CheckAsync(ImageDefinition definition, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        log ??= NullOperationLog.Instance;
        UpdateSource? source;
        try
        {
            source = UpdateSourceResolver.Resolve(definition, _options);
        }
        catch (UpdateSourceException e)
        {
            return new UpdateCheck(definition) { Error = $"'{definition.Name}': {e.Message}" };
        }

        if (source is null)
        {
            return new UpdateCheck(definition) { NoSource = $"'{definition.Name}' has no latest_url and no GitHub release download; there is nothing to look for new builds in." };
        }

        try
        {
            log.Verbose($"'{definition.Name}': looking for a new build: {source}.");
            var found = await _finder.FindAsync(source, log, cancellationToken).ConfigureAwait(false);
            var current = definition.CurrentVersion;
            var isNew = IsNew(definition, found);
            if (isNew && _options.Verify)
            {
                await BuildVerifier.VerifyAsync(_options.Rewrite(found.Url), found.Checksum, _options.Upstream, _web.Client, log, cancellationToken).ConfigureAwait(false);
            }

            return new UpdateCheck(definition)
            {
                Update = new ImageUpdate
                {
                    Definition = definition,
                    CurrentVersion = current?.Version,
                    NewVersion = found.Version,
                    BuildDate = found.BuildDate,
                    Url = found.Url,
                    Checksum = found.Checksum.ToString(),
                    Source = source,
                    FoundVia = found.FoundVia,
                    Verified = isNew && _options.Verify,
                    IsNew = isNew,
                },
            };
        }
        catch (UpdateSourceException e)
        {
            return new UpdateCheck(definition) { Error = $"'{definition.Name}': {e.Message}", Missing = e.IsMissing };
        }
    }

    public void Dispose() => _web.Dispose();

    /// <summary>
    /// New unless the catalog already has this build: for a release source a version of the same name,
    /// else the newest version with the same checksum (a changed checksum under the same version is a
    /// rebuilt or wrongly recorded image, worth writing).
    /// </summary>
    private static bool IsNew(ImageDefinition definition, FoundBuild found)
    {
        if (definition.CurrentVersion is not { } current)
        {
            return true;
        }

        if (definition.Versions.Any(v => v.Version == found.Version && v.Checksum == found.Checksum))
        {
            return false;
        }

        return current.Checksum is null ? current.Version != found.Version : current.Checksum != found.Checksum;
    }
}
