using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>The fields of one <c>versions:</c> entry, checked; the Glance name is added by the caller.</summary>
internal sealed record VersionFields(
    string Version,
    YamlNode VersionNode,
    int Line,
    string Url,
    string? MirrorUrl,
    ImageChecksum? Checksum,
    string? ChecksumsUrl,
    string? ChecksumUrl,
    DateOnly BuildDate,
    string? Visibility,
    bool? Hidden,
    string? OsVersion,
    IReadOnlyDictionary<string, string> Meta,
    string? Id,
    YamlNode? IdNode);

internal static class VersionReader
{
    /// <summary>Only what the tool can read: http(s) or a local file (ftp is refused, unlike the Python schema).</summary>
    private const string UrlExpected = "an http(s) URL or a file: path (the tool reads no other scheme)";

    public static VersionFields? Read(YamlNode node, string path, ProblemSink sink, IReadOnlyDictionary<string, string> definitionMeta)
    {
        if (node is not YamlMapping mapping)
        {
            sink.Error(node, path, $"a version must be a mapping with keys version, url, build_date, ...; found {node.KindName}");
            return null;
        }

        var errorsBefore = sink.ErrorCount;
        var reader = new MappingReader(mapping, path, "a version", sink);
        reader.RejectUnknownKeys(DefinitionSchema.VersionKeys, "a version");

        var version = reader.String("version", required: true, allowEmpty: false);
        var url = reader.Url("url", required: true, DefinitionSchema.SourceUrl(), UrlExpected);
        var mirrorUrl = reader.Url("mirror_url", required: false, DefinitionSchema.SourceUrl(), UrlExpected);
        var checksum = ReadChecksum(reader);
        var checksumsUrl = reader.Url("checksums_url", required: false, DefinitionSchema.HttpUrl(), "an http(s) URL");
        var checksumUrl = reader.Url("checksum_url", required: false, DefinitionSchema.HttpUrl(), "an http(s) URL");
        var buildDate = ReadBuildDate(reader);
        var visibility = reader.Enum("visibility", required: false, DefinitionSchema.Visibilities);
        var hidden = reader.Bool("hidden", required: false);
        var osVersion = reader.String("os_version", required: false);
        var meta = MetaReader.Read(reader, "meta", required: false, definitionMeta);
        var id = reader.Url("id", required: false, DefinitionSchema.Uuid(), "a lower-case UUID (8-4-4-4-12 hex digits)");
        reader.Url("source", required: false, DefinitionSchema.LegacySource(), "an http(s) or ftp(s) URL or 'private'");
        reader.String("image_description", required: false);

        if (version == "latest")
        {
            CheckLatest(reader, mapping, checksumsUrl, checksumUrl);
        }

        if (sink.ErrorCount != errorsBefore || version is null || url is null || buildDate is null || meta is null)
        {
            return null;
        }

        return new VersionFields(version, mapping.Get("version")!, mapping.Line, url, mirrorUrl, checksum, checksumsUrl, checksumUrl,
            buildDate.Value, visibility, hidden, osVersion, new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(meta), id,
            id is null ? null : mapping.Get("id"));
    }

    private static ImageChecksum? ReadChecksum(MappingReader reader)
    {
        var node = reader.Node("checksum", required: false);
        if (node is null)
        {
            return null;
        }

        // An algorithm nothing can verify is refused first, by name; then the schema's own form (lower-case
        // hex of a known length, as the Python tool demands); then the digest's length for its algorithm.
        var path = reader.KeyPath("checksum");
        var match = node is YamlScalar { Kind: ScalarKind.String } scalar ? DefinitionSchema.Checksum().Match(scalar.Value) : null;
        var checksum = match is { Success: true } ? new ImageChecksum(match.Groups[1].Value, match.Groups[2].Value) : null;
        if (checksum is not null && ChecksumAlgorithms.Find(checksum.Algorithm) is null)
        {
            reader.Sink.Error(node, path, checksum.Problem!);
            return null;
        }

        if (checksum is null || !DefinitionSchema.IsChecksumLength(checksum.Value.Length))
        {
            reader.Sink.Error(node, path,
                $"'checksum' must be <algorithm>:<hex digest> with {DefinitionSchema.ChecksumLengths} lower-case hex digits (e.g. sha256:…); found {MappingReader.Shown(node)}");
            return null;
        }

        if (checksum.Problem is { } problem)
        {
            reader.Sink.Error(node, path, problem);
            return null;
        }

        return checksum;
    }

    private static DateOnly? ReadBuildDate(MappingReader reader)
    {
        var node = reader.Node("build_date", required: true);
        if (node is null)
        {
            return null;
        }

        // A quoted ISO date is accepted too: its meaning is the same and nothing is lost.
        if (node is YamlScalar scalar && scalar.Kind is ScalarKind.Date or ScalarKind.Timestamp or ScalarKind.String
                                      && ScalarTypes.IsDateOrTimestamp(scalar.Value)
                                      && ScalarTypes.DateValue(scalar.Value) is { } date)
        {
            return date;
        }

        reader.Sink.Error(node, reader.KeyPath("build_date"),
            $"'build_date' must be a date (YYYY-MM-DD) or a timestamp (YYYY-MM-DD hh:mm:ss); found {MappingReader.Shown(node)}");
        return null;
    }

    /// <summary>A <c>latest</c> version is re-checked against an upstream digest every run; it needs one source for it.</summary>
    private static void CheckLatest(MappingReader reader, YamlMapping mapping, string? checksumsUrl, string? checksumUrl)
    {
        var hasManifest = mapping.Get("checksums_url") is not null;
        var hasSingle = mapping.Get("checksum_url") is not null;
        if (!hasManifest && !hasSingle)
        {
            reader.Sink.Error(mapping.Get("version")!, reader.KeyPath("version"),
                "version 'latest' needs 'checksums_url' (a manifest) or 'checksum_url' (one digest) to detect new upstream builds");
        }
        else if (hasManifest && hasSingle && checksumsUrl is not null && checksumUrl is not null)
        {
            reader.Sink.Error(mapping.Get("checksum_url")!, reader.KeyPath("checksum_url"),
                "'checksums_url' and 'checksum_url' exclude each other; keep one");
        }
    }
}
