using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>Reads one definition file: <c>images:</c> with a non-empty list of image definitions.</summary>
internal static class DefinitionFileReader
{
    public static List<LoadedDefinition> Read(string file, ProblemSink sink, YamlReadLimits limits, CancellationToken cancellationToken) =>
        Read(() => YamlFileReader.Read(file, limits, cancellationToken), sink, cancellationToken);

    /// <summary>As <see cref="Read(string, ProblemSink, YamlReadLimits, CancellationToken)"/> for text in memory.</summary>
    public static List<LoadedDefinition> ReadText(string text, ProblemSink sink, YamlReadLimits limits, CancellationToken cancellationToken) =>
        Read(() => YamlFileReader.ReadText(text, limits, cancellationToken), sink, cancellationToken);

    /// <summary>The line of each <c>images:</c> entry of <paramref name="file"/> as it is now, or null when it cannot be read.</summary>
    public static IReadOnlyList<int>? EntryLines(string file, CancellationToken cancellationToken)
    {
        try
        {
            return YamlFileReader.Read(file, YamlReadLimits.Default, cancellationToken) is YamlMapping { } root && root.Get("images") is YamlSequence list
                ? list.Items.Select(i => i.Line).ToArray()
                : null;
        }
        catch (Exception ex) when (ex is YamlReadException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<LoadedDefinition> Read(Func<YamlNode?> parse, ProblemSink sink, CancellationToken cancellationToken)
    {
        var definitions = new List<LoadedDefinition>();
        YamlNode? root;
        try
        {
            root = parse();
        }
        catch (YamlReadException ex)
        {
            sink.Error(ex.Line, ex.Column, string.Empty, ex.Message);
            return definitions;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            sink.Error(1, 1, string.Empty, $"cannot read the file: {ex.Message}");
            return definitions;
        }

        if (root is null)
        {
            sink.Error(1, 1, string.Empty, "the file is empty; expected a mapping with the key 'images'");
            return definitions;
        }

        if (root is not YamlMapping mapping)
        {
            sink.Error(root, string.Empty, $"the document must be a mapping with the key 'images', found {root.KindName}");
            return definitions;
        }

        var reader = new MappingReader(mapping, string.Empty, "the document", sink);
        reader.RejectUnknownKeys(DefinitionSchema.RootKeys, "the document");
        var images = reader.Node("images", required: true);
        if (images is null)
        {
            return definitions;
        }

        if (images is not YamlSequence list || list.Items.Count == 0)
        {
            sink.Error(images, "images", $"'images' must be a list with at least one image definition, found {(images is YamlSequence ? "an empty list" : MappingReader.Shown(images))}");
            return definitions;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ImageEntryReader.Read(list.Items[i], $"images[{i}]", sink) is { } definition)
            {
                definitions.Add(definition);
            }
        }

        return definitions;
    }
}
