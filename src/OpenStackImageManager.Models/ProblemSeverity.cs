namespace OpenStackImageManager.Models;

/// <summary>How serious a problem in an image definition is. <c>-Strict</c> treats warnings as errors.</summary>
public enum ProblemSeverity
{
    Warning = 1,
    Error = 2,
}
