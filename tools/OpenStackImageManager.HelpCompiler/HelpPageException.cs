namespace OpenStackImageManager.HelpCompiler;

/// <summary>A page that cannot become help; it names the file and line so the author can fix it.</summary>
internal sealed class HelpPageException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    internal string File { get; } = file;

    internal int Line { get; } = line;

    internal string Problem { get; } = problem;

    /// <summary>MSBuild's canonical error format, so the Exec task reports it as a build error at file(line).</summary>
    internal string ToMSBuildError() => $"{File}({Line}): error OIMHELP: {Problem}";
}
