using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Compliance;

/// <summary>
/// One standard's checks as a pure function: the images a cloud member sees, and "now", in; one
/// result per finding out. No I/O and no clock, so the same judgement serves a live cloud, a plan
/// and a catalog, and every rule is a table row in the tests.
/// </summary>
public interface IComplianceStandard
{
    /// <summary>The name users select the standard by (<c>-Standard</c>, <c>--standard</c>).</summary>
    string Name { get; }

    /// <summary>What the standard is about, for help and listings.</summary>
    string Title { get; }

    /// <summary>The check ids this standard can report, in the order it runs them.</summary>
    IReadOnlyList<string> Checks { get; }

    IReadOnlyList<ComplianceResult> Judge(IReadOnlyList<GlanceImage> images, DateTimeOffset now);
}
