using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>Finds the definition and version an image belongs to (docs/BEHAVIOUR.md, "Identity").</summary>
internal sealed class DefinitionIndex
{
    private readonly Dictionary<string, ImageDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageDefinition> _byDescription = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ImageDefinition, ImageVersion)> _byGlanceName = new(StringComparer.Ordinal);

    public DefinitionIndex(IReadOnlyList<ImageDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            _byName.TryAdd(definition.Name, definition);
            _byDescription.TryAdd(DesiredImage.DescriptionOf(definition), definition);
            foreach (var version in definition.Versions)
            {
                _byGlanceName.TryAdd(version.GlanceName, (definition, version));
            }
        }
    }

    public ImageMatch? Match(GlanceImage image)
    {
        var definition = FromProperties(image);
        if (definition is null)
        {
            return _byGlanceName.TryGetValue(image.Name, out var byName)
                ? new ImageMatch(byName.Item1, byName.Item2, MatchEvidence.Name)
                : null;
        }

        if (image.Properties.TryGetValue(DesiredImage.InternalVersion, out var internalVersion)
            && definition.Versions.FirstOrDefault(v => v.Version == internalVersion && !v.IsLatest) is { } version)
        {
            return new ImageMatch(definition, version, MatchEvidence.Properties);
        }

        // `latest` images carry the upstream date as internal_version (the Python tool's rule), so
        // they are found by their name; so are images whose internal_version is missing.
        var named = definition.Versions.FirstOrDefault(v => v.GlanceName == image.Name && (v.IsLatest || internalVersion is null || internalVersion == v.Version));
        if (named is null && internalVersion == "latest")
        {
            named = definition.Versions.FirstOrDefault(v => v.IsLatest);
        }

        return new ImageMatch(definition, named, named is null ? MatchEvidence.Properties : MatchEvidence.PropertiesAndName);
    }

    private ImageDefinition? FromProperties(GlanceImage image)
    {
        if (image.Properties.TryGetValue(DesiredImage.ImageName, out var name) && _byName.TryGetValue(name, out var byName))
        {
            return byName;
        }

        if (image.Properties.TryGetValue(DesiredImage.ImageDescription, out var description)
            && (_byName.TryGetValue(description, out var d) || _byDescription.TryGetValue(description, out d)))
        {
            return d;
        }

        return null;
    }
}
