using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// A valid definition with the nodes cross-definition checks point at; <see cref="Entry"/> is its
/// mapping, where checks of a standard find the key a finding is about.
/// </summary>
internal sealed record LoadedDefinition(ImageDefinition Definition, string KeyPath, YamlNode NameNode, IReadOnlyList<YamlNode> VersionNodes, YamlMapping Entry);
