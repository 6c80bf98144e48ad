using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Builds plan items with their ShouldProcess text. Every planner (sync, rotation) uses it, so the
/// -WhatIf lines of all commands read alike.
/// </summary>
public static class ImageChanges
{
    /// <summary>An item about an existing image.</summary>
    public static ImageChange ForImage(
        ImageChangeKind kind, OpenStackSession session, GlanceImage image, ImageDefinition? definition, ImageVersion? version,
        IReadOnlyList<PropertyChange> changes, string planner, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(image);
        var newName = kind == ImageChangeKind.Rename ? changes.FirstOrDefault(c => c.Name == "name")?.NewValue ?? image.Name : image.Name;
        return new ImageChange
        {
            Kind = kind,
            DefinitionName = definition?.Name,
            Version = version?.Version ?? image.Properties.GetValueOrDefault(DesiredImage.InternalVersion),
            Definition = definition,
            ImageVersion = version,
            ImageName = newName,
            ImageId = image.Id,
            Image = image,
            Cloud = session.Cloud,
            Region = session.Region,
            Session = session,
            Changes = changes,
            Planner = planner,
            Description = Describe(kind, image, changes, session, note),
        };
    }

    /// <summary>A new image for <paramref name="version"/>; <paramref name="replaces"/> is a half-made image of it to delete first.</summary>
    public static ImageChange ForCreate(
        OpenStackSession session, ImageDefinition definition, ImageVersion version, DesiredImage desired, ImportMethod method,
        GlanceImage? replaces, string planner)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(desired);
        var changes = desired.Properties.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PropertyChange(p.Key, null, p.Value))
            .Append(new PropertyChange("tags", null, ImageDiff.Join(desired.Tags)))
            .Append(new PropertyChange("visibility", null, desired.Visibility))
            .ToArray();
        // A mirror_url may be presigned or carry user info: plan items show it as SafeUrl does.
        var source = Transfer.UpstreamSource.Show(version.DownloadUrl);
        var text = $"Create image '{desired.Name}' in {Where(session)} from {source} by {MethodText(method)}";
        if (version.Id is { } id)
        {
            text += $" with id {id}";
        }

        if (replaces is not null)
        {
            text += $", replacing the half-made image {replaces.Id} ({replaces.Status})";
        }

        return new ImageChange
        {
            Kind = ImageChangeKind.Create,
            DefinitionName = definition.Name,
            Version = version.Version,
            Definition = definition,
            ImageVersion = version,
            ImageName = desired.Name,
            ImageId = version.Id,
            Image = replaces,
            Cloud = session.Cloud,
            Region = session.Region,
            Session = session,
            Changes = changes,
            ImportMethod = method,
            SourceUrl = source,
            Planner = planner,
            Description = text,
        };
    }

    internal static string MethodText(ImportMethod method) => method switch
    {
        ImportMethod.WebDownload => "web-download",
        ImportMethod.GlanceDirect => "glance-direct (streamed through us)",
        ImportMethod.Upload => "upload (streamed through us)",
        _ => "auto",
    };

    private static string Describe(ImageChangeKind kind, GlanceImage image, IReadOnlyList<PropertyChange> changes, OpenStackSession session, string? note)
    {
        var subject = $"image '{image.Name}' ({image.Id}) in {Where(session)}";
        var detail = string.Join("; ", changes.Select(c => c.ToString()));
        var text = kind switch
        {
            ImageChangeKind.UpdateProperties => $"Update {changes.Count} propert{(changes.Count == 1 ? "y" : "ies")} of {subject}: {detail}",
            ImageChangeKind.UpdateTags => $"Set tags of {subject}: {detail}",
            ImageChangeKind.UpdateMinDisk => $"Set min_disk of {subject}: {detail}",
            ImageChangeKind.UpdateMinRam => $"Set min_ram of {subject}: {detail}",
            ImageChangeKind.SetVisibility => $"Set visibility of {subject}: {detail}",
            ImageChangeKind.SetHidden => $"Set os_hidden of {subject}: {detail}",
            ImageChangeKind.Deactivate => $"Deactivate {subject}",
            ImageChangeKind.Reactivate => $"Reactivate {subject}",
            ImageChangeKind.Rename => $"Rename {subject} to '{changes.FirstOrDefault(c => c.Name == "name")?.NewValue}'",
            ImageChangeKind.Delete => $"Delete {subject}",
            ImageChangeKind.Orphaned => $"Managed {subject} belongs to no given definition; left as it is",
            ImageChangeKind.NoChange => $"No change to {subject}",
            _ => $"{kind} {subject}",
        };
        return note is null ? text : $"{text} ({note})";
    }

    private static string Where(OpenStackSession session) => session.Region is { } region ? $"{session.Cloud}/{region}" : session.Cloud;
}
