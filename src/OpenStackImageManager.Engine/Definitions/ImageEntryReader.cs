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
        var owner = nameNode is YamlScalar named ? $"image '{PrintableText.Escape(named.Value)}'" : "this image definition";
        var reader = new MappingReader(mapping, path, owner, sink);
        reader.RejectUnknownKeys(DefinitionSchema.ImageKeys, "an image definition");

        var name = reader.String("name", required: true, allowEmpty: false);
        var enable = ReadEnable(reader);
        var format = reader.Enum("format", required: true, DefinitionSchema.Formats);
        var login = reader.String("login", required: true);
        var password = reader.String("password", required: false, edgeSpaceAllowed: true);
        var minDisk = reader.NonNegativeInt("min_disk", required: true);
        var minRam = reader.NonNegativeInt("min_ram", required: true);
        var multi = reader.Bool("multi", required: true);
        var keep = reader.Bool("keep", required: false);
        var status = reader.Enum("status", required: true, DefinitionSchema.Statuses);
        var visibility = reader.Enum("visibility", required: true, DefinitionSchema.Visibilities);
        var separator = reader.String("separator", required: false, edgeSpaceAllowed: true);
        var shortName = reader.String("shortname", required: false, allowEmpty: false);
        var latestUrl = reader.Url("latest_url", required: false, DefinitionSchema.DownloadUrl(), "an http(s) URL (the tool reads no other scheme)");
        var latestChecksumUrl = reader.Url("latest_checksum_url", required: false, DefinitionSchema.HttpUrl(), "an http(s) URL");
        var meta = MetaReader.Read(reader, "meta", required: true, definitionMeta: null);
        var tags = ReadTags(reader);
        var versions = ReadVersions(reader, meta ?? new OrderedDictionary<string, string>());

        if (sink.ErrorCount != errorsBefore || name is null || format is null || login is null || status is null
            || visibility is null || meta is null || tags is null || versions is null)
        {
            return null;
        }

        var definitionSeparator = separator ?? ImageNaming.DefaultSeparator;
        if (!NamesFitGlance(reader, mapping, name, definitionSeparator, multi!.Value, versions))
        {
            return null;
        }

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
        return new LoadedDefinition(definition, path, mapping.Get("name")!, order.Select(i => versions[i].VersionNode).ToArray(), mapping)
        {
            IdNodes = versions.Where(v => v.IdNode is not null).Select(v => v.IdNode!).ToArray(),
        };
    }

    /// <summary>
    /// <c>enable</c> is required by the Python schema, but its code (and its getting-started definition)
    /// treat a missing one as enabled: so do we, noted under -Strict.
    /// </summary>
    private static bool? ReadEnable(MappingReader reader)
    {
        if (reader.Mapping.Get("enable") is null)
        {
            reader.Sink.SchemaNotice(reader.Mapping, reader.KeyPath("enable"), "'enable' is missing: taken as true (the Python tool's schema requires it)");
            return true;
        }

        return reader.Bool("enable", required: true);
    }

    /// <summary>
    /// Every name the definition gives its images in Glance, now or after a rotation renames them
    /// (<c>Name (version)</c>, a <c>latest</c> build by its 8-digit date), must fit Glance's limit.
    /// The name itself is checked at its key, each version at its own.
    /// </summary>
    private static bool NamesFitGlance(MappingReader reader, YamlMapping mapping, string name, string separator, bool multi, List<VersionFields> versions)
    {
        if (name.Length > GlanceLimits.NameLength)
        {
            reader.Sink.Error(mapping.Get("name")!, reader.KeyPath("name"),
                $"'name' is {name.Length} characters long; Glance names have at most {GlanceLimits.NameLength}");
            return false;
        }

        var fits = true;
        foreach (var version in versions)
        {
            var label = version.Version == "latest" ? "yyyyMMdd" : version.Version;
            var longest = ImageNaming.GlanceName(name, separator, multi, label, isCurrent: false);
            if (longest.Length > GlanceLimits.NameLength)
            {
                reader.Sink.Error(version.VersionNode, $"{reader.KeyPath("versions")}.version",
                    $"version '{version.Version}' would be named '{longest[..40]}...' ({longest.Length} characters) in Glance, which allows at most {GlanceLimits.NameLength}; shorten the name, separator or version");
                fits = false;
            }
        }

        return fits;
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
            var at = $"{reader.KeyPath("tags")}[{i}]";
            if (reader.AsString(list.Items[i], at, "tags", allowEmpty: false) is not { } tag)
            {
                continue;
            }

            if (TagProblem(tag) is { } problem)
            {
                reader.Sink.Error(list.Items[i], at, problem);
                continue;
            }

            tags.Add(tag);
        }

        return tags.Count == list.Items.Count ? tags.ToArray() : null;
    }

    /// <summary>
    /// Glance's limit, and no comma: the tags the tool set are recorded comma-joined on the image
    /// (<c>oim_managed_tags</c>, as the Python tool's bookkeeping does with lists), so a tag with a comma
    /// would read back as two and be re-set on every run.
    /// </summary>
    private static string? TagProblem(string tag) =>
        tag.Contains(',', StringComparison.Ordinal)
            ? $"tag '{tag}' contains a comma, which the tool uses to record its tags on the image; use another character"
            : tag.Length > GlanceLimits.TagLength
                ? $"tag '{tag[..40]}...' is {tag.Length} characters long; Glance allows at most {GlanceLimits.TagLength}"
                : null;

    private static List<VersionFields>? ReadVersions(MappingReader reader, IReadOnlyDictionary<string, string> definitionMeta)
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
        var ids = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (VersionReader.Read(list.Items[i], $"{path}[{i}]", reader.Sink, definitionMeta) is not { } version)
            {
                continue;
            }

            if (version.Id is { } id && version.IdNode is { } idNode && !ids.TryAdd(id, idNode))
            {
                reader.Sink.Error(idNode, $"{path}[{i}].id",
                    $"image id '{id}' is already given to another version at line {ids[id].Line}; Glance image ids are unique");
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
