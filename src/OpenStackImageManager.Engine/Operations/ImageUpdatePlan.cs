using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Operations;

public enum StatusAction
{
    None,
    Deactivate,
    Reactivate,
}

/// <summary>The changes for one image: one JSON patch and at most one status action.</summary>
public sealed class ImageUpdatePlan
{
    internal ImageUpdatePlan(GlanceImage image, IReadOnlyList<PatchOperation> operations, StatusAction statusAction)
    {
        Image = image;
        Operations = operations;
        StatusAction = statusAction;
    }

    public GlanceImage Image { get; }

    internal IReadOnlyList<PatchOperation> Operations { get; }

    public StatusAction StatusAction { get; }

    public bool IsEmpty => Operations.Count == 0 && StatusAction == StatusAction.None;

    /// <summary>One line per change, for ShouldProcess and -WhatIf.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = Operations.Select(o => o.ToString()).ToList();
        if (StatusAction != StatusAction.None)
        {
            lines.Add(StatusAction == StatusAction.Deactivate ? "deactivate" : "reactivate");
        }

        return lines;
    }
}
