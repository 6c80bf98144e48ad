using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>A valid definition with the nodes cross-definition checks point at.</summary>
internal sealed record LoadedDefinition(ImageDefinition Definition, string KeyPath, YamlNode NameNode, IReadOnlyList<YamlNode> VersionNodes);
