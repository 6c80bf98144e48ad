using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Checks across definitions and files that the Python tool lacks: two definitions with one name,
/// and a Glance name produced twice (for example <c>Ubuntu 24.04</c> with <c>multi: false</c> and a
/// version <c>Minimal</c> against a definition <c>Ubuntu 24.04 Minimal</c>). Glance keys images by
/// name for the tool, so either would make two definitions fight over one image; a fixed image
/// <c>id</c> given to versions of two definitions would fail with 409 on every run. The later
/// definition gets the error and is dropped; the earlier one stays.
/// </summary>
internal static class CatalogChecks
{
    public static List<LoadedDefinition> RemoveConflicts(IEnumerable<LoadedDefinition> definitions, Func<string, ProblemSink> sinkFor)
    {
        var kept = new List<LoadedDefinition>();
        var byName = new Dictionary<string, LoadedDefinition>(StringComparer.Ordinal);
        var glanceNames = new Dictionary<string, LoadedDefinition>(StringComparer.Ordinal);
        var ids = new Dictionary<string, (LoadedDefinition Definition, YamlNode Node)>(StringComparer.OrdinalIgnoreCase);
        foreach (var loaded in definitions)
        {
            var definition = loaded.Definition;
            var sink = sinkFor(definition.SourceFile);
            if (byName.TryGetValue(definition.Name, out var first))
            {
                sink.Error(loaded.NameNode, $"{loaded.KeyPath}.name",
                    $"definition name '{definition.Name}' is already defined at {Where(first)}; definition names must be unique");
                continue;
            }

            if (FirstCollision(loaded, glanceNames) is { } collision)
            {
                var (index, other) = collision;
                var version = definition.Versions[index];
                sink.Error(loaded.VersionNodes[index], $"{loaded.KeyPath}.versions",
                    $"version '{version.Version}' would be named '{version.GlanceName}' in Glance, which is also an image of '{other.Definition.Name}' ({Where(other)}); Glance names must be unique");
                continue;
            }

            if (loaded.IdNodes.FirstOrDefault(n => ids.ContainsKey(IdOf(n))) is { } idNode)
            {
                var (other, otherNode) = ids[IdOf(idNode)];
                sink.Error(idNode, $"{loaded.KeyPath}.versions",
                    $"image id '{IdOf(idNode)}' is also given to a version of '{other.Definition.Name}' ({other.Definition.SourceFile}:{otherNode.Line}:{otherNode.Column}); Glance image ids are unique");
                continue;
            }

            foreach (var node in loaded.IdNodes)
            {
                ids.TryAdd(IdOf(node), (loaded, node));
            }

            byName.Add(definition.Name, loaded);
            foreach (var name in definition.GlanceNames)
            {
                glanceNames.TryAdd(name, loaded);
            }

            kept.Add(loaded);
        }

        return kept;
    }

    private static (int Index, LoadedDefinition Other)? FirstCollision(LoadedDefinition loaded, Dictionary<string, LoadedDefinition> glanceNames)
    {
        var versions = loaded.Definition.Versions;
        for (var i = 0; i < versions.Count; i++)
        {
            if (glanceNames.TryGetValue(versions[i].GlanceName, out var other))
            {
                return (i, other);
            }
        }

        return null;
    }

    private static string IdOf(YamlNode node) => ((YamlScalar)node).Value;

    private static string Where(LoadedDefinition loaded) =>
        $"{loaded.Definition.SourceFile}:{loaded.NameNode.Line}:{loaded.NameNode.Column}";
}
