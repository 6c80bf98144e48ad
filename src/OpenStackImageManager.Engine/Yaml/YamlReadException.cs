namespace OpenStackImageManager.Engine.Yaml;

/// <summary>A file that cannot be read as one YAML document; carries the position of the first fault.</summary>
internal sealed class YamlReadException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
