using System.Security.Cryptography;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Transfer;

/// <summary>
/// The digests of one transfer. The declared checksum is taken over the upstream bytes and, for a
/// compressed source, also over the decompressed bytes: catalogs copy the upstream manifest (which
/// names the compressed file) but some declare the image's own digest; either match verifies.
/// SHA-256 of the stored bytes is computed only when asked for (the mirror reports it; an import
/// does not need a second pass of hashing over gigabytes).
/// </summary>
internal sealed class TransferHashes : IDisposable
{
    private readonly ImageChecksum? _declared;
    private readonly IncrementalHash? _source;
    private readonly IncrementalHash? _storedDeclared;
    private readonly IncrementalHash? _storedSha256;
    private readonly bool _sha256IsSource;
    private byte[]? _sourceDigest;

    public TransferHashes(ImageChecksum? declared, SourceCompression compression, bool storedSha256)
    {
        _declared = declared;
        _source = Create(declared);
        var compressed = compression != SourceCompression.None;
        _sha256IsSource = storedSha256 && !compressed && declared?.Algorithm == "sha256";
        _storedDeclared = compressed ? Create(declared) : null;
        _storedSha256 = !storedSha256 ? null : _sha256IsSource ? _source : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Uncompressed, the stored bytes are the upstream bytes: one stream feeds every hash.
        var overSource = new List<IncrementalHash>();
        var overStored = new List<IncrementalHash>();
        Add(overSource, _source);
        Add(compressed ? overStored : overSource, _storedDeclared);
        Add(compressed ? overStored : overSource, _sha256IsSource ? null : _storedSha256);
        OverSource = overSource;
        OverStored = overStored;
    }

    /// <summary>Hashes fed with the upstream bytes as they are read.</summary>
    public IReadOnlyList<IncrementalHash> OverSource { get; }

    /// <summary>Hashes fed with the decompressed bytes; empty for an uncompressed source.</summary>
    public IReadOnlyList<IncrementalHash> OverStored { get; }

    public ImageChecksum? Declared => _declared;

    /// <summary>The upstream file's digest in the declared algorithm (lower-case hex), or null without a declared checksum.</summary>
    public string? SourceHex() => _source is null ? null : Convert.ToHexStringLower(SourceDigest());

    /// <summary>True when the declared checksum matched; <paramref name="detail"/> says what was compared.</summary>
    public bool Verify(out string detail)
    {
        if (_declared is null || _source is null)
        {
            detail = "no checksum declared";
            return false;
        }

        var sourceDigest = SourceDigest();
        var sourceHex = Convert.ToHexStringLower(sourceDigest);
        if (_declared.Matches(sourceDigest))
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

    public string StoredSha256() =>
        Convert.ToHexStringLower((_storedSha256 ?? throw new InvalidOperationException("SHA-256 of the stored bytes was not asked for.")).GetCurrentHash());

    public void Dispose()
    {
        _source?.Dispose();
        _storedDeclared?.Dispose();
        if (!_sha256IsSource)
        {
            _storedSha256?.Dispose();
        }
    }

    private byte[] SourceDigest() => _sourceDigest ??= _source!.GetCurrentHash();

    private static IncrementalHash? Create(ImageChecksum? declared) =>
        declared is null ? null : IncrementalHash.CreateHash(declared.HashName);

    private static void Add(List<IncrementalHash> list, IncrementalHash? hash)
    {
        if (hash is not null)
        {
            list.Add(hash);
        }
    }
}
