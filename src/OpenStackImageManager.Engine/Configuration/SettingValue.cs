using OpenStackImageManager.Engine.Yaml;

namespace OpenStackImageManager.Engine.Configuration;

/// <summary>
/// A scalar of clouds.yaml or secure.yaml with its YAML type and where it stands, so a bad value is
/// reported at file:line:column. Values from <c>OS_*</c> variables are plain strings instead.
/// </summary>
internal sealed record SettingValue(string Text, ScalarKind Kind, string File, int Line, int Column)
{
    public string Where => $"{File}:{Line}:{Column}";

    public override string ToString() => Text;
}
