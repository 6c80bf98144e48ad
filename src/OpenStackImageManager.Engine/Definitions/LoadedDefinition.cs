using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// A valid definition with the nodes cross-definition checks point at; <see cref="Entry"/> is its
/// mapping, where checks of a standard find the key a finding is about.
/// </summary>
internal sealed record LoadedDefinition(ImageDefinition Definition, string KeyPath, YamlNode NameNode, IReadOnlyList<YamlNode> VersionNodes, YamlMapping Entry)
{
    /// <summary>The <c>id</c> nodes of the versions that fix their Glance image id, for the check across definitions.</summary>
    public IReadOnlyList<YamlNode> IdNodes { get; init; } = [];
}
