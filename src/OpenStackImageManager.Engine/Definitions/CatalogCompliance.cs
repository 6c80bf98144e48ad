using OpenStackImageManager.Engine.Compliance;
using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// A standard's checks on a catalog alone: each version's image as a sync would create it (the same
/// desired state the planner uses) is judged by the same standard as a cloud's images, and every finding
/// becomes a problem at the key that decides it (<c>meta.os_purpose</c>, <c>versions[1].url</c>, ...).
/// </summary>
/// <remarks>
/// The images a catalog shows under their current names are judged together (uniqueness, recency):
/// every version of a <c>multi: false</c> definition and the newest one of a <c>multi: true</c> definition.
/// Older versions of a <c>multi: true</c> definition are judged image by image only, because rotation
/// decides how they appear. Checks that only the cloud can settle (the hash Glance computes) are skipped.
/// </remarks>
internal static class CatalogCompliance
{
    /// <summary>Glance computes os_hash_algo on import; a catalog cannot get it wrong.</summary>
    private static readonly HashSet<string> s_cloudOnly = new(StringComparer.Ordinal) { "scs-0102-prop-hash_algo" };

    private static readonly HashSet<string> s_acrossImages = new(StringComparer.Ordinal) { "scs-0102-image-recency", "scs-0102-os_purpose-uniqueness" };

    public static void Check(IReadOnlyList<LoadedDefinition> definitions, IReadOnlyList<string> standards, DateTimeOffset now, Func<string, ProblemSink> sinkFor)
    {
        var current = new List<(GlanceImage Image, LoadedDefinition Loaded, ImageVersion Version)>();
        var older = new List<(GlanceImage Image, LoadedDefinition Loaded, ImageVersion Version)>();
        foreach (var loaded in definitions)
        {
            var definition = loaded.Definition;
            foreach (var version in definition.Versions)
            {
                var entry = (Projected(definition, version, now), loaded, version);
                (definition.Multi && !version.IsCurrent ? older : current).Add(entry);
            }
        }

        Report(current, ComplianceOperations.Judge(current.Select(c => c.Image).ToArray(), standards, now), sinkFor, acrossImages: true);
        Report(older, ComplianceOperations.Judge(older.Select(c => c.Image).ToArray(), standards, now), sinkFor, acrossImages: false);
    }

    private static void Report(
        List<(GlanceImage Image, LoadedDefinition Loaded, ImageVersion Version)> images, IReadOnlyList<ComplianceResult> results,
        Func<string, ProblemSink> sinkFor, bool acrossImages)
    {
        foreach (var result in results)
        {
            if (s_cloudOnly.Contains(result.Check) || !acrossImages && s_acrossImages.Contains(result.Check))
            {
                continue;
            }

            var (_, loaded, version) = images.First(i => i.Image.Name == result.ImageName);
            var (node, key) = Locate(loaded, version, result.Check);
            var sink = sinkFor(loaded.Definition.SourceFile);
            var message = $"{result.Check}: image '{result.ImageName}': {result.Message}";
            if (result.Severity == ProblemSeverity.Error)
            {
                sink.Error(node, key, message);
            }
            else
            {
                sink.Warning(node, key, message);
            }
        }
    }

    /// <summary>The image a sync would create for <paramref name="version"/>, just created.</summary>
    private static GlanceImage Projected(ImageDefinition definition, ImageVersion version, DateTimeOffset now)
    {
        var desired = DesiredImage.For(definition, version, Defaults.ManagedTag, existing: null);
        return new GlanceImage
        {
            Name = desired.Name,
            Status = desired.Status,
            Visibility = desired.Visibility,
            Hidden = desired.Hidden ?? false,
            Tags = desired.Tags,
            Properties = desired.Properties,
            MinDisk = desired.MinDisk,
            MinRam = desired.MinRam,
            CreatedAt = now,
        };
    }

    /// <summary>The node and key path a check's finding is about: the key that decides it, else its nearest parent.</summary>
    private static (YamlNode Node, string Key) Locate(LoadedDefinition loaded, ImageVersion version, string check)
    {
        var entry = loaded.Entry;
        var path = loaded.KeyPath;
        var (versionNode, versionPath) = VersionOf(loaded, version);
        if (check.StartsWith("scs-0104-source", StringComparison.Ordinal))
        {
            check = "scs-0102-prop-image_source";
        }

        var property = check switch
        {
            "scs-0102-prop-min_disk" => Direct("min_disk"),
            "scs-0102-prop-min_ram" => Direct("min_ram"),
            "scs-0102-prop-image_original_user" => Direct("login"),
            "scs-0102-prop-image_build_date" or "scs-0102-image-recency" => InVersion("build_date"),
            "scs-0102-prop-image_source" => MetaKey("image_source", versionFirst: true) ?? InVersion("url"),
            "scs-0102-os_purpose-uniqueness" => MetaKey("os_purpose", versionFirst: true),
            "scs-0102-prop-os_version" when !loaded.Definition.Multi => InVersion("version"),
            _ when check.StartsWith("scs-0102-prop-", StringComparison.Ordinal) => MetaKey(check["scs-0102-prop-".Length..], versionFirst: true),
            _ => null,
        };
        if (property is { } found)
        {
            return found;
        }

        return entry.Get("meta") is { } meta ? (meta, $"{path}.meta") : (entry, path);

        (YamlNode, string)? Direct(string key) => entry.Get(key) is { } node ? (node, $"{path}.{key}") : null;

        (YamlNode, string)? InVersion(string key) =>
            versionNode?.Get(key) is { } node ? (node, $"{versionPath}.{key}") : versionNode is null ? null : (versionNode, versionPath);

        (YamlNode, string)? MetaKey(string key, bool versionFirst)
        {
            if (versionFirst && versionNode?.Get("meta") is YamlMapping versionMeta && versionMeta.Get(key) is { } overridden)
            {
                return (overridden, $"{versionPath}.meta.{key}");
            }

            return entry.Get("meta") is YamlMapping meta && meta.Get(key) is { } node ? (node, $"{path}.meta.{key}") : null;
        }
    }

    private static (YamlMapping? Node, string Path) VersionOf(LoadedDefinition loaded, ImageVersion version)
    {
        if (loaded.Entry.Get("versions") is YamlSequence list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (list.Items[i] is YamlMapping mapping && mapping.Get("version") is YamlScalar label && label.Value == version.Version)
                {
                    return (mapping, $"{loaded.KeyPath}.versions[{i}]");
                }
            }
        }

        return (null, $"{loaded.KeyPath}.versions");
    }
}
