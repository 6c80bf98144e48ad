using System.Text.Json.Nodes;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Glance;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>
/// The one translation of typed targets into JSON-patch operations (one request per image), for every
/// planner: sync, rotation, Set-GlanceImage, and the import's finishing patch.
/// </summary>
internal static class PatchBuilder
{
    /// <summary>The operations of <paramref name="items"/> together; for the same pointer a later item wins (rotation after sync).</summary>
    public static IReadOnlyList<PatchOperation> Build(IEnumerable<ImageChange> items) => Build(Merge(items));

    /// <summary>
    /// Operations in a fixed order: name, properties (add replaces in Glance's v2.1 dialect), removals,
    /// tags as one <c>replace /tags</c> (Glance refuses <c>/tags/-</c>), visibility, min_disk, min_ram,
    /// protected, os_hidden. Only what the target names; the status is not a patch (<see cref="ImageWrites"/>).
    /// </summary>
    public static IReadOnlyList<PatchOperation> Build(ImageTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var operations = new List<PatchOperation>();
        if (target.Name is { } name)
        {
            operations.Add(PatchOperation.Replace("name", name));
        }

        foreach (var (key, value) in target.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            operations.Add(PatchOperation.Add(key, value));
        }

        foreach (var key in target.RemovedProperties.Where(k => !target.Properties.ContainsKey(k)).Distinct(StringComparer.Ordinal))
        {
            operations.Add(PatchOperation.Remove(key));
        }

        if (target.Tags is { } tags)
        {
            operations.Add(PatchOperation.Replace("tags", new JsonArray(tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (JsonNode)JsonValue.Create(t)).ToArray())));
        }

        if (target.Visibility is { } visibility)
        {
            operations.Add(PatchOperation.Replace("visibility", visibility.ToLowerInvariant()));
        }

        if (target.MinDisk is { } minDisk)
        {
            operations.Add(PatchOperation.Replace("min_disk", minDisk));
        }

        if (target.MinRam is { } minRam)
        {
            operations.Add(PatchOperation.Replace("min_ram", minRam));
        }

        if (target.Protected is { } isProtected)
        {
            operations.Add(PatchOperation.Replace("protected", isProtected));
        }

        if (target.Hidden is { } hidden)
        {
            operations.Add(PatchOperation.Replace("os_hidden", hidden));
        }

        return operations;
    }

    /// <summary>
    /// The patch part of several items' targets as one, later items winning per value. Each item may only
    /// name what its kind changes, so its -WhatIf text ("Set tags of ...") never hides another change.
    /// </summary>
    public static ImageTarget Merge(IEnumerable<ImageChange> items)
    {
        string? name = null, visibility = null;
        int? minDisk = null, minRam = null;
        bool? hidden = null, isProtected = null;
        IReadOnlyList<string>? tags = null;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var item in items)
        {
            var target = item.Target;
            EnsureKindOwns(item.Kind, target);
            name = target.Name ?? name;
            visibility = target.Visibility ?? visibility;
            minDisk = target.MinDisk ?? minDisk;
            minRam = target.MinRam ?? minRam;
            hidden = target.Hidden ?? hidden;
            isProtected = target.Protected ?? isProtected;
            tags = target.Tags ?? tags;
            foreach (var (key, value) in target.Properties)
            {
                properties[key] = value;
                removed.Remove(key);
            }

            foreach (var key in target.RemovedProperties)
            {
                properties.Remove(key);
                if (!removed.Contains(key, StringComparer.Ordinal))
                {
                    removed.Add(key);
                }
            }
        }

        return new ImageTarget
        {
            Name = name,
            Properties = properties,
            RemovedProperties = removed,
            Tags = tags,
            Visibility = visibility,
            MinDisk = minDisk,
            MinRam = minRam,
            Hidden = hidden,
            Protected = isProtected,
        };
    }

    private static void EnsureKindOwns(ImageChangeKind kind, ImageTarget target)
    {
        var owned = kind switch
        {
            ImageChangeKind.Rename => target with { Name = null },
            ImageChangeKind.UpdateProperties => target with { Properties = ImageTarget.None.Properties, RemovedProperties = [] },
            ImageChangeKind.UpdateTags => target with { Tags = null },
            ImageChangeKind.UpdateMinDisk => target with { MinDisk = null },
            ImageChangeKind.UpdateMinRam => target with { MinRam = null },
            ImageChangeKind.SetVisibility => target with { Visibility = null },
            ImageChangeKind.SetHidden => target with { Hidden = null },
            ImageChangeKind.SetProtected => target with { Protected = null },
            _ => target,
        };
        if (owned.HasPatch || owned.Status is not null)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidRequest, $"a {kind} item cannot change {string.Join(", ", owned.ChangesFrom(null).Select(c => c.Name))}");
        }
    }
}
