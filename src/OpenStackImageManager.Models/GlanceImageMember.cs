namespace OpenStackImageManager.Models;

/// <summary>One project an image is shared with, and whether that project accepted it.</summary>
public sealed record GlanceImageMember
{
    public string ImageId { get; init; } = string.Empty;

    /// <summary>The project id of the member.</summary>
    public string MemberId { get; init; } = string.Empty;

    /// <summary>pending, accepted or rejected.</summary>
    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? Cloud { get; init; }
}
