using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// Builds plan items with their ShouldProcess text. Every planner (sync, rotation, Set-GlanceImage) uses
/// it, so the -WhatIf lines of all commands read alike, and each text is rendered from the typed target
/// the item applies.
/// </summary>
internal static class ImageChanges
{
    /// <summary>An item about an existing image; <paramref name="destructive"/> marks what must not run after an error (a Delete always is).</summary>
    public static ImageChange ForImage(
        ImageChangeKind kind, OpenStackSession session, GlanceImage image, ImageDefinition? definition, ImageVersion? version,
        ImageTarget target, PlanSettings settings, string planner, string? note = null, bool destructive = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        return new ImageChange
        {
            Kind = kind,
            DefinitionName = definition?.Name,
            Version = version?.Version ?? image.Properties.GetValueOrDefault(DesiredImage.InternalVersion),
            Definition = definition,
            ImageVersion = version,
            ImageName = kind == ImageChangeKind.Rename ? target.Name ?? image.Name : image.Name,
            ImageId = image.Id,
            Image = image,
            Cloud = session.Cloud,
            Region = session.Region,
            Session = session,
            Target = target,
            Settings = settings,
            Destructive = destructive || kind == ImageChangeKind.Delete,
            Planner = planner,
            Description = Describe(kind, image, target, session, note),
        };
    }

    /// <summary>
    /// A new image for <paramref name="version"/> with the whole desired state as its target, imported by
    /// <paramref name="method"/> (resolved, never Auto); <paramref name="replaces"/> is a half-made image of it to delete first,
    /// or (a usable one) the current image a re-import replaces once the new one is verified, <paramref name="note"/> saying why.
    /// </summary>
    public static ImageChange ForCreate(
        OpenStackSession session, ImageDefinition definition, ImageVersion version, DesiredImage desired, ImportMethod method,
        GlanceImage? replaces, PlanSettings settings, string planner, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(settings);
        if (method == ImportMethod.Auto)
        {
            throw new ArgumentException("a Create names the import method it resolved to", nameof(method));
        }

        // A mirror_url may be presigned or carry user info: plan items show it as SafeUrl does.
        var source = Transfer.UpstreamSource.Show(version.DownloadUrl);
        var text = $"Create image '{desired.Name}' in {Where(session)} from {source} by {MethodText(method)}";
        if (version.Id is { } id)
        {
            text += $" with id {id}";
        }

        if (replaces is not null && DesiredImage.IsFinished(replaces))
        {
            // A re-import (changed checksum): the current image stays until the new one is verified.
            text += $", replacing image {replaces.Id} once the new one is verified ({note ?? "re-import"}; the current image is then renamed '{ImageImporter.ReplacedName(definition, version, replaces)}')";
        }
        else if (replaces is not null)
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
            Target = desired.ToTarget(),
            Settings = settings,
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

    private static string Describe(ImageChangeKind kind, GlanceImage image, ImageTarget target, OpenStackSession session, string? note)
    {
        var subject = $"image '{image.Name}' ({image.Id}) in {Where(session)}";
        var changes = target.ChangesFrom(image);
        var detail = string.Join("; ", changes.Select(c => c.ToString()));
        var text = kind switch
        {
            ImageChangeKind.UpdateProperties => $"Update {changes.Count} propert{(changes.Count == 1 ? "y" : "ies")} of {subject}: {detail}",
            ImageChangeKind.UpdateTags => $"Set tags of {subject}: {detail}",
            ImageChangeKind.UpdateMinDisk => $"Set min_disk of {subject}: {detail}",
            ImageChangeKind.UpdateMinRam => $"Set min_ram of {subject}: {detail}",
            ImageChangeKind.SetVisibility => $"Set visibility of {subject}: {detail}",
            ImageChangeKind.SetHidden => $"Set os_hidden of {subject}: {detail}",
            ImageChangeKind.SetProtected => $"Set protected of {subject}: {detail}",
            ImageChangeKind.Deactivate => $"Deactivate {subject}",
            ImageChangeKind.Reactivate => $"Reactivate {subject}",
            ImageChangeKind.Rename => $"Rename {subject} to '{target.Name}'",
            ImageChangeKind.Delete => $"Delete {subject}",
            ImageChangeKind.Orphaned => $"Managed {subject} belongs to no given definition; left as it is",
            ImageChangeKind.NoChange => $"No change to {subject}",
            ImageChangeKind.Conflict => $"Leave {subject} as it is and fail",
            _ => $"{kind} {subject}",
        };
        return note is null ? text : $"{text} ({note})";
    }

    private static string Where(OpenStackSession session) => session.Region is { } region ? $"{session.Cloud}/{region}" : session.Cloud;
}
