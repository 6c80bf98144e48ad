using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>Validates one <c>images:</c> entry and builds its <see cref="ImageDefinition"/> with Glance names.</summary>
internal static class ImageEntryReader
{
    public static LoadedDefinition? Read(YamlNode node, string path, ProblemSink sink)
    {
        if (node is not YamlMapping mapping)
        {
            sink.Error(node, path, $"an image definition must be a mapping with keys name, format, meta, versions, ...; found {node.KindName}");
            return null;
        }

        var errorsBefore = sink.ErrorCount;
        var nameNode = mapping.Get("name");
        var owner = nameNode is YamlScalar named ? $"image '{named.Value}'" : "this image definition";
        var reader = new MappingReader(mapping, path, owner, sink);
        reader.RejectUnknownKeys(DefinitionSchema.ImageKeys, "an image definition");

        var name = reader.String("name", required: true, allowEmpty: false);
        var enable = reader.Bool("enable", required: true);
        var format = reader.Enum("format", required: true, DefinitionSchema.Formats);
        var login = reader.String("login", required: true);
        var password = reader.String("password", required: false);
        var minDisk = reader.NonNegativeInt("min_disk", required: true);
        var minRam = reader.NonNegativeInt("min_ram", required: true);
        var multi = reader.Bool("multi", required: true);
        var keep = reader.Bool("keep", required: false);
        var status = reader.Enum("status", required: true, DefinitionSchema.Statuses);
        var visibility = reader.Enum("visibility", required: true, DefinitionSchema.Visibilities);
        var separator = reader.String("separator", required: false);
        var shortName = reader.String("shortname", required: false, allowEmpty: false);
        var latestUrl = reader.Url("latest_url", required: false, DefinitionSchema.DownloadUrl(), "an http(s) or ftp(s) URL");
        var latestChecksumUrl = reader.Url("latest_checksum_url", required: false, DefinitionSchema.HttpUrl(), "an http(s) URL");
        var meta = MetaReader.Read(reader, "meta", required: true, requireSchemaKeys: true);
        var tags = ReadTags(reader);
        var versions = ReadVersions(reader);

        if (sink.ErrorCount != errorsBefore || name is null || format is null || login is null || status is null
            || visibility is null || meta is null || tags is null || versions is null)
        {
            return null;
        }

        var definitionSeparator = separator ?? ImageNaming.DefaultSeparator;
        var order = ImageNaming.NaturalOrder(versions.Select(v => v.Version).ToArray());
        var built = order.Select((index, position) => Build(versions[index], name, definitionSeparator, multi!.Value,
            isCurrent: position == order.Length - 1)).ToArray();

        var definition = new ImageDefinition
        {
            Name = name,
            Enable = enable!.Value,
            Format = format,
            Login = login,
            Password = password,
            MinDisk = minDisk!.Value,
            MinRam = minRam!.Value,
            Multi = multi!.Value,
            Keep = keep ?? false,
            Status = status,
            Visibility = visibility,
            Separator = definitionSeparator,
            ShortName = shortName,
            LatestUrl = latestUrl,
            LatestChecksumUrl = latestChecksumUrl,
            Meta = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(meta),
            Tags = tags,
            Versions = built,
            SourceFile = sink.File,
            SourceLine = mapping.Line,
        };
        return new LoadedDefinition(definition, path, mapping.Get("name")!, order.Select(i => versions[i].VersionNode).ToArray(), mapping);
    }

    private static ImageVersion Build(VersionFields fields, string name, string separator, bool multi, bool isCurrent) => new()
    {
        Version = fields.Version,
        DefinitionName = name,
        Url = fields.Url,
        MirrorUrl = fields.MirrorUrl,
        Checksum = fields.Checksum,
        ChecksumsUrl = fields.ChecksumsUrl,
        ChecksumUrl = fields.ChecksumUrl,
        BuildDate = fields.BuildDate,
        Visibility = fields.Visibility,
        Hidden = fields.Hidden,
        OsVersion = fields.OsVersion,
        Meta = fields.Meta,
        Id = fields.Id,
        GlanceName = ImageNaming.GlanceName(name, separator, multi, fields.Version, isCurrent),
        IsCurrent = isCurrent,
        SourceLine = fields.Line,
    };

    private static string[]? ReadTags(MappingReader reader)
    {
        var node = reader.Node("tags", required: true);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequence list)
        {
            reader.Sink.Error(node, reader.KeyPath("tags"), $"'tags' must be a list of strings (use [] for none), found {MappingReader.Shown(node)}");
            return null;
        }

        var tags = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (reader.AsString(list.Items[i], $"{reader.KeyPath("tags")}[{i}]", "tags", allowEmpty: false) is { } tag)
            {
                tags.Add(tag);
            }
        }

        return tags.Count == list.Items.Count ? tags.ToArray() : null;
    }

    private static List<VersionFields>? ReadVersions(MappingReader reader)
    {
        var node = reader.Node("versions", required: true);
        if (node is null)
        {
            return null;
        }

        var path = reader.KeyPath("versions");
        if (node is not YamlSequence list)
        {
            reader.Sink.Error(node, path, $"'versions' must be a list of versions (use [] for none), found {MappingReader.Shown(node)}");
            return null;
        }

        var versions = new List<VersionFields>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (VersionReader.Read(list.Items[i], $"{path}[{i}]", reader.Sink) is not { } version)
            {
                continue;
            }

            if (seen.TryGetValue(version.Version, out var first))
            {
                reader.Sink.Error(version.VersionNode, $"{path}[{i}].version",
                    $"version '{version.Version}' is listed twice (first at line {first.Line}); each version may appear once");
                continue;
            }

            seen.Add(version.Version, version.VersionNode);
            versions.Add(version);
        }

        return versions.Count == list.Items.Count ? versions : null;
    }
}
