using System.Management.Automation;
using OpenStackImageManager.Engine.Reporting;

namespace OpenStackImageManager.Commands;

/// <summary>
/// The cmdlet side of the engine's CI reporter: in GitHub Actions or Azure Pipelines an error record is
/// also an annotation of the run, and summaries go to the job summary. The reporter's lines are written
/// as host information (as Write-Host would), so a pwsh step prints them to standard output, where the
/// CI system reads its commands, while they stay out of the output stream and the pipeline.
/// </summary>
internal static class CiOutput
{
    /// <summary>The tag of every line this module writes for the CI system.</summary>
    internal const string Tag = "OpenStackImageManager.Ci";

    /// <summary>
    /// Writes the error record and, in CI, its annotation: first, because with -ErrorAction Stop writing
    /// the record throws, and the run should still show why it stopped.
    /// </summary>
    internal static void WriteError(Cmdlet cmdlet, ErrorRecord record)
    {
        Annotate(cmdlet, record);
        cmdlet.WriteError(record);
    }

    private static void Annotate(Cmdlet cmdlet, ErrorRecord record)
    {
        if (CiReporter.FromEnvironment() is not { } ci)
        {
            return;
        }

        var message = record.ErrorDetails?.Message ?? record.Exception.Message;
        var target = record.TargetObject is string or ValueType ? $" (target: {record.TargetObject})" : string.Empty;
        var command = (cmdlet as PSCmdlet)?.MyInvocation.MyCommand.Name ?? "OpenStackImageManager";
        WriteLines(cmdlet, [ci.ErrorAnnotation($"{command}: {record.CategoryInfo.Category}", message + target)]);
    }

    /// <summary>Adds Markdown to the job summary when running in CI.</summary>
    internal static void Summary(Cmdlet cmdlet, Func<string> markdown)
    {
        if (CiReporter.FromEnvironment() is { } ci)
        {
            WriteLines(cmdlet, ci.Summary(markdown()));
        }
    }

    internal static void WriteLines(Cmdlet cmdlet, IEnumerable<string?> lines)
    {
        foreach (var line in lines.OfType<string>())
        {
            cmdlet.WriteInformation(new HostInformationMessage { Message = line }, ["PSHOST", Tag]);
        }
    }
}
