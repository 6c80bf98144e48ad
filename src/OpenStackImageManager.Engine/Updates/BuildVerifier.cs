using OpenStackImageManager.Models;
using System.Buffers;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Engine.Transfer;

namespace OpenStackImageManager.Engine.Updates;

/// <summary>
/// Streams a new build through the transfer engine (retries, resume, hashing) and compares its bytes
/// with the manifest's checksum. Nothing is kept: no temp file, one buffer.
/// </summary>
internal static class BuildVerifier
{
    public static async Task VerifyAsync(string url, ImageChecksum checksum, UpstreamOptions options, HttpClient http, IOperationLog log, CancellationToken cancellationToken)
    {
        UpstreamSource source;
        try
        {
            source = await UpstreamSource.OpenAsync([url], SourceCompression.None, checksum, storedSha256: false, options, http, null, log, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException e)
        {
            throw new UpdateSourceException($"The new build cannot be read for verification: {e.Message}", e) { IsMissing = e.IsMissing };
        }

        using (source)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                while (await source.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (UpstreamException e)
            {
                throw new UpdateSourceException($"Reading {UpstreamSource.Show(url)} for verification failed: {e.Message}", e);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (!source.Hashes.Verify(out var detail))
            {
                throw new UpdateSourceException($"{UpstreamSource.Show(url)} does not match the manifest's {checksum}: {detail}. The build is not taken.");
            }

            log.Verbose($"{UpstreamSource.Show(url)}: {detail} ({source.SourceBytes:N0} bytes).");
        }
    }
}
