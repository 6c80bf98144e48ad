using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>Collects the results of one standard's run, each naming its image the same way.</summary>
internal sealed class Findings(string standard)
{
    public List<ComplianceResult> Results { get; } = [];

    public void Error(string check, GlanceImage image, string message) => Add(check, ProblemSeverity.Error, image, message);

    public void Warning(string check, GlanceImage image, string message) => Add(check, ProblemSeverity.Warning, image, message);

    public void Add(string check, ProblemSeverity severity, GlanceImage image, string message) =>
        Results.Add(new ComplianceResult(standard, check, severity, image.Name, image.Id.Length == 0 ? null : image.Id, message) { Cloud = image.Cloud });
}
