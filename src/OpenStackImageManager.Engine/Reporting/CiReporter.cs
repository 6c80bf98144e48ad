using System.Text;

namespace OpenStackImageManager.Engine.Reporting;

/// <summary>
/// Speaks to the CI system the process runs in, so that a plan lands in the job summary and an error
/// becomes an annotation on the run, the same for the cmdlets and for openstack-image-manager. The
/// reporter returns the lines to write to standard output (workflow and logging commands are read
/// from there) and leaves writing them to the front end: PowerShell through its host, the CLI to stdout.
/// Every text it gets has already been redacted by the engine; it adds no value of its own.
/// </summary>
public sealed class CiReporter
{
    private readonly string? _summaryFile;
    private readonly string _temporaryDirectory;

    private CiReporter(CiHost host, string? summaryFile, string temporaryDirectory)
    {
        Host = host;
        _summaryFile = summaryFile;
        _temporaryDirectory = temporaryDirectory;
    }

    public CiHost Host { get; }

    /// <summary>The reporter for this process's environment, or null outside GitHub Actions and Azure Pipelines.</summary>
    public static CiReporter? FromEnvironment() => From(name => Environment.GetEnvironmentVariable(name));

    /// <summary>The reporter for the environment <paramref name="variable"/> reads; null outside a known CI system.</summary>
    public static CiReporter? From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new CiReporter(CiHost.GitHubActions, NonEmpty(variable("GITHUB_STEP_SUMMARY")), Path.GetTempPath());
        }

        if (string.Equals(variable("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new CiReporter(CiHost.AzureDevOps, null, NonEmpty(variable("AGENT_TEMPDIRECTORY")) ?? Path.GetTempPath());
        }

        return null;
    }

    /// <summary>
    /// Adds <paramref name="markdown"/> to the job summary. GitHub: appended to the file GITHUB_STEP_SUMMARY
    /// names (no line to write). Azure Pipelines: written to a file of its own and uploaded by the
    /// returned <c>##vso[task.uploadsummary]</c> line.
    /// </summary>
    public IReadOnlyList<string> Summary(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        switch (Host)
        {
            case CiHost.GitHubActions when _summaryFile is not null:
                File.AppendAllText(_summaryFile, markdown.TrimEnd() + "\n\n", Encoding.UTF8);
                return [];
            case CiHost.AzureDevOps:
                var file = Path.Combine(_temporaryDirectory, $"openstack-image-manager-{Guid.NewGuid():N}.md");
                File.WriteAllText(file, markdown, Encoding.UTF8);
                return [$"##vso[task.uploadsummary]{file}"];
            default:
                return [];
        }
    }

    /// <summary>The line that makes <paramref name="message"/> an error annotation of the run.</summary>
    public string? ErrorAnnotation(string title, string message) => Annotation("error", title, message);

    /// <summary>The line that makes <paramref name="message"/> a warning annotation of the run.</summary>
    public string? WarningAnnotation(string title, string message) => Annotation("warning", title, message);

    private string? Annotation(string level, string title, string message)
    {
        // Engine messages are redacted already; URL user info is masked once more because a front end may
        // pass a message of its own (a file path, a URL the user typed).
        message = Http.Redaction.RedactUrls(message);
        return AnnotationLine(level, title, message);
    }

    private string? AnnotationLine(string level, string title, string message) => Host switch
    {
        // GitHub's workflow commands escape %, CR and LF in the message, and also : and , in properties.
        CiHost.GitHubActions => $"::{level} title={EscapeProperty(title)}::{EscapeData(message)}",
        // Azure's logging commands end at the line end; ']' and ';' would end the properties, not the message.
        CiHost.AzureDevOps => $"##vso[task.logissue type={level}]{OneLine($"{title}: {message}")}",
        _ => null,
    };

    private static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string OneLine(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
