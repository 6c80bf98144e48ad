using System.Security.Cryptography;

namespace OpenStackImageManager.Engine.Mirror;

/// <summary>
/// The digests of one transfer. The declared checksum is taken over the upstream bytes and, for a
/// compressed source, also over the decompressed bytes: catalogs copy the upstream manifest (which
/// names the compressed file) but some declare the image's own digest; either match verifies.
/// SHA-256 of the stored bytes is always computed, for the result.
/// </summary>
internal sealed class TransferHashes : IDisposable
{
    private readonly DeclaredChecksum? _declared;
    private readonly IncrementalHash? _source;
    private readonly IncrementalHash? _storedDeclared;
    private readonly IncrementalHash _storedSha256;
    private readonly bool _sha256IsSource;

    public TransferHashes(MirrorRequest request)
    {
        _declared = request.Checksum;
        _source = _declared?.CreateHash();
        _sha256IsSource = request.Compression == SourceCompression.None && _declared?.Algorithm == "sha256";
        _storedDeclared = request.Compression != SourceCompression.None ? _declared?.CreateHash() : null;
        _storedSha256 = _sha256IsSource ? _source! : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        OverSource = _source is null ? [] : [_source];
    }

    /// <summary>Hashes fed with the upstream bytes as they are read.</summary>
    public IReadOnlyList<IncrementalHash> OverSource { get; }

    /// <summary>Feeds the decompressed bytes (what is stored).</summary>
    public void AppendStored(ReadOnlySpan<byte> data)
    {
        _storedDeclared?.AppendData(data);
        if (!_sha256IsSource)
        {
            _storedSha256.AppendData(data);
        }
    }

    /// <summary>True when the declared checksum matched; <paramref name="detail"/> says what was compared.</summary>
    public bool Verify(out string detail)
    {
        if (_declared is null || _source is null)
        {
            detail = "no checksum declared";
            return false;
        }

        _sourceDigest ??= _source.GetCurrentHash();
        var sourceHex = Convert.ToHexStringLower(_sourceDigest);
        if (_declared.Matches(_sourceDigest))
        {
            detail = $"{_declared.Algorithm} of the upstream file verified";
            return true;
        }

        if (_storedDeclared is not null)
        {
            var storedDigest = _storedDeclared.GetCurrentHash();
            if (_declared.Matches(storedDigest))
            {
                detail = $"{_declared.Algorithm} of the decompressed image verified";
                return true;
            }

            detail = $"the upstream file's {_declared.Algorithm} is {sourceHex}, the decompressed image's {Convert.ToHexStringLower(storedDigest)}";
            return false;
        }

        detail = $"its {_declared.Algorithm} is {sourceHex}";
        return false;
    }

    private byte[]? _sourceDigest;

    public string StoredSha256() => Convert.ToHexStringLower(_storedSha256.GetCurrentHash());

    public void Dispose()
    {
        _source?.Dispose();
        _storedDeclared?.Dispose();
        if (!_sha256IsSource)
        {
            _storedSha256.Dispose();
        }
    }
}
