namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>
/// What the cloud must look like. <see cref="Converged"/> after a clean rerun: per definition and
/// version exactly one image, active, with the right name, properties, bytes and visibility, nothing
/// else, nothing pending, nothing deleted that should exist. <see cref="AtAllTimes"/> after any run, even
/// one that failed or was killed: no image that is not verified is visible (by visibility or by a name
/// users pick images by), and every rotating definition that had its bare name still has it on a working image.
/// </summary>
public static class StateCheck
{
    public const string PendingKey = "oim_pending";

    public static IReadOnlyList<Violation> Converged(ScenarioCatalog catalog, IReadOnlyList<Cloud.CloudImage> images, IReadOnlyCollection<string> baseline)
    {
        var violations = new List<Violation>(AtAllTimes(catalog, images, catalog.Definitions.Where(d => d.Multi).Select(d => d.Name), exactlyOne: true));
        var expected = catalog.Definitions.SelectMany(d => d.Versions.Select(v => (Definition: d, Version: v))).ToList();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (definition, version) in expected)
        {
            var mine = images.Where(i => i.Property("image_name") == definition.Name && i.Property("internal_version") == version.Label).ToList();
            var settled = mine.Where(i => i.Property(PendingKey) is null).ToList();
            claimed.UnionWith(mine.Select(i => i.Id));
            if (settled.Count == 0)
            {
                violations.Add(new(ViolationKind.Missing, $"{definition.NameOf(version)}: no image"));
                continue;
            }

            if (settled.Count > 1)
            {
                violations.Add(new(ViolationKind.Duplicate, $"{definition.NameOf(version)}: {settled.Count} images ({string.Join(", ", settled)})"));
            }

            foreach (var image in mine.Where(i => i.Property(PendingKey) is not null))
            {
                violations.Add(new(ViolationKind.Leftover, $"{definition.NameOf(version)}: pending image {image} ({PendingKey}={image.Property(PendingKey)})"));
            }

            foreach (var image in settled)
            {
                violations.AddRange(Compare(catalog, definition, version, image));
            }
        }

        foreach (var image in images.Where(i => !claimed.Contains(i.Id)))
        {
            violations.Add(new(ViolationKind.Leftover, $"an image no definition and version of the catalog expects: {image} (image_name={image.Property("image_name")}, internal_version={image.Property("internal_version")})"));
        }

        var present = images.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in baseline.Where(id => !present.Contains(id)))
        {
            violations.Add(new(ViolationKind.WrongDelete, $"image {id} of the converged baseline (a version still in the YAML) is gone"));
        }

        return violations;
    }

    /// <remarks>
    /// A run stopped between naming a new build and renaming the former newest leaves two working images
    /// with the bare name for a moment: a booted server gets a good image either way. Only a converged
    /// cloud (<paramref name="exactlyOne"/>) must have exactly one.
    /// </remarks>
    public static IReadOnlyList<Violation> AtAllTimes(ScenarioCatalog catalog, IReadOnlyList<Cloud.CloudImage> images, IEnumerable<string> bareNamesThatMustExist, bool exactlyOne = false)
    {
        var violations = new List<Violation>();
        var finalNames = catalog.Definitions.SelectMany(d => d.Versions.Select(d.NameOf)).ToHashSet(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var problem = Unverified(catalog, image);
            if (problem is null)
            {
                continue;
            }

            if (image.Visibility != "private")
            {
                violations.Add(new(ViolationKind.UnverifiedVisible, $"{image} is {image.Visibility} but {problem}"));
            }
            else if (finalNames.Contains(image.Name))
            {
                violations.Add(new(ViolationKind.UnverifiedVisible, $"{image} carries a final name but {problem}"));
            }
        }

        foreach (var bare in bareNamesThatMustExist)
        {
            var named = images.Where(i => i.Name == bare).ToList();
            var working = named.Where(i => i.Status == "active" && Unverified(catalog, i) is null).ToList();
            if (working.Count == 0)
            {
                violations.Add(new(ViolationKind.BareName, $"no working image is called '{bare}' (named so: {(named.Count == 0 ? "none" : string.Join(", ", named))})"));
            }
            else if (working.Count < named.Count)
            {
                violations.Add(new(ViolationKind.BareName, $"an image called '{bare}' is not a working one: {string.Join(", ", named.Except(working))}"));
            }
            else if (exactlyOne && named.Count > 1)
            {
                violations.Add(new(ViolationKind.BareName, $"{named.Count} images are called '{bare}': {string.Join(", ", named)}"));
            }
        }

        return violations;
    }

    /// <summary>Why an image is not a verified, working copy of a catalog version; null when it is.</summary>
    public static string? Unverified(ScenarioCatalog catalog, Cloud.CloudImage image)
    {
        if (image.Property(PendingKey) is { } pending)
        {
            return $"it is pending ({PendingKey}={pending})";
        }

        if (image.Status is not ("active" or "deactivated"))
        {
            return $"its status is {image.Status}";
        }

        var version = catalog.Definitions.Where(d => d.Name == image.Property("image_name"))
            .SelectMany(d => d.Versions).FirstOrDefault(v => v.Label == image.Property("internal_version"));
        if (version is null)
        {
            return "it names no version of the catalog";
        }

        return BytesMatch(image, version) ? null : $"its bytes are not those of {version.Url} (size {image.Size}, {image.HashAlgorithm}:{Short(image.HashValue)})";
    }

    private static IEnumerable<Violation> Compare(ScenarioCatalog catalog, CatalogDefinition definition, CatalogVersion version, Cloud.CloudImage image)
    {
        var name = definition.NameOf(version);
        if (image.Name != name)
        {
            yield return new(ViolationKind.WrongName, $"{image}: expected the name '{name}'");
        }

        if (image.Status != "active")
        {
            yield return new(ViolationKind.WrongStatus, $"{image}: expected active");
        }

        if (image.Visibility != definition.Visibility || image.Hidden)
        {
            yield return new(ViolationKind.WrongVisibility, $"{image}: expected {definition.Visibility}, not hidden");
        }

        if (!BytesMatch(image, version))
        {
            yield return new(ViolationKind.WrongBytes, $"{image}: size {image.Size}, {image.HashAlgorithm}:{Short(image.HashValue)}; the served file has {version.Bytes.Length} bytes, sha512:{Short(version.Sha512)}");
        }

        var expected = new Dictionary<string, string>
        {
            ["image_name"] = definition.Name,
            ["internal_version"] = version.Label,
            ["image_build_date"] = version.BuildDate,
            ["upstream_checksum"] = version.Sha256,
            ["os_distro"] = "cirros",
            ["hw_disk_bus"] = "scsi",
            [ScenarioCatalog.CaseKey] = catalog.Id,
        };
        var wrong = expected.Where(p => image.Property(p.Key) != p.Value).Select(p => $"{p.Key}={image.Property(p.Key) ?? "(none)"} (expected {p.Value})").ToList();
        if (!image.Tags.Contains(catalog.Tag))
        {
            wrong.Add($"tags {string.Join(",", image.Tags)} lack {catalog.Tag}");
        }

        if (image.MinRam != 64 || image.MinDisk < 1)
        {
            wrong.Add($"min_ram {image.MinRam}, min_disk {image.MinDisk} (expected 64 and at least 1)");
        }

        if (wrong.Count > 0)
        {
            yield return new(ViolationKind.WrongProperties, $"{image}: {string.Join("; ", wrong)}");
        }
    }

    private static bool BytesMatch(Cloud.CloudImage image, CatalogVersion version) =>
        image.Size == version.Bytes.Length
        && string.Equals(image.HashAlgorithm, "sha512", StringComparison.OrdinalIgnoreCase)
        && string.Equals(image.HashValue, version.Sha512, StringComparison.OrdinalIgnoreCase);

    private static string Short(string? hex) => hex is null ? "(none)" : hex.Length > 16 ? hex[..16] + "..." : hex;
}
