using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>Collects the problems of one file, each at the position of the node it is about.</summary>
internal sealed class ProblemSink(string file)
{
    public string File { get; } = file;

    public List<DefinitionProblem> Problems { get; } = [];

    /// <summary>Set for a strict load: what the Python schema would refuse and we default is then noted (<see cref="SchemaNotice"/>).</summary>
    public bool Strict { get; init; }

    public int ErrorCount { get; private set; }

    public void Error(YamlNode at, string key, string message) => Error(at.Line, at.Column, key, message);

    public void Error(int line, int column, string key, string message)
    {
        Problems.Add(new DefinitionProblem(File, line, column, ProblemSeverity.Error, key, message));
        ErrorCount++;
    }

    public void Warning(YamlNode at, string key, string message) =>
        Problems.Add(new DefinitionProblem(File, at.Line, at.Column, ProblemSeverity.Warning, key, message));

    /// <summary>
    /// A key the Python schema requires and this tool defaults (docs/BEHAVIOUR.md, "Bad input"): a
    /// warning only under -Strict (which makes it an error), silent otherwise, so the Python tool's own
    /// getting-started definition loads as written.
    /// </summary>
    public void SchemaNotice(YamlNode at, string key, string message)
    {
        if (Strict)
        {
            Warning(at, key, message);
        }
    }
}
