namespace OpenStackImageManager.Models;

/// <summary>
/// One problem found in an image definition file, with the position an editor can jump to.
/// <see cref="ToString"/> gives the compiler-style line <c>file:line:column: severity: message</c>.
/// </summary>
public sealed class DefinitionProblem
{
    public DefinitionProblem(string file, int line, int column, ProblemSeverity severity, string key, string message)
    {
        File = file;
        Line = line;
        Column = column;
        Severity = severity;
        Key = key;
        Message = message;
    }

    /// <summary>The file the problem is in, as it was given (or found in a given directory).</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    public ProblemSeverity Severity { get; }

    /// <summary>Where in the document, e.g. <c>images[2].versions[0].checksum</c>; empty for the whole file.</summary>
    public string Key { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Message { get; }

    /// <summary>The same problem with <see cref="Severity"/> raised to an error (for <c>-Strict</c>).</summary>
    public DefinitionProblem AsError() =>
        Severity == ProblemSeverity.Error ? this : new DefinitionProblem(File, Line, Column, ProblemSeverity.Error, Key, Message);

    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
