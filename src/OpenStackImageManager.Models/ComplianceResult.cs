namespace OpenStackImageManager.Models;

/// <summary>
/// One finding of a compliance check about one image: which check of which standard (named as the
/// standard's conformance test names it, e.g. <c>scs-0102-prop-min_disk</c>), how serious, and why.
/// Test-GlanceImageCompliance and <c>openstack-image-manager check-scs</c> write them; Compare-GlanceImage
/// and the main job report them for the images a plan would leave behind.
/// </summary>
public sealed class ComplianceResult
{
    public ComplianceResult(string standard, string check, ProblemSeverity severity, string imageName, string? imageId, string message)
    {
        Standard = standard;
        Check = check;
        Severity = severity;
        ImageName = imageName;
        ImageId = imageId;
        Message = message;
    }

    /// <summary>The standard the check belongs to, e.g. <c>scs-0102</c>.</summary>
    public string Standard { get; }

    /// <summary>The check's id as the standard's conformance test names it.</summary>
    public string Check { get; }

    /// <summary>Error: a mandatory rule fails. Warning: a recommendation is not followed.</summary>
    public ProblemSeverity Severity { get; }

    public string ImageName { get; }

    /// <summary>The Glance id; null for an image a plan or a definition would create.</summary>
    public string? ImageId { get; }

    public string Message { get; }

    /// <summary>The clouds.yaml name of the cloud the image was read from, when known.</summary>
    public string? Cloud { get; init; }

    public override string ToString() =>
        $"{(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Check}: image '{ImageName}'{(ImageId is null ? string.Empty : $" ({ImageId})")}: {Message}";
}
