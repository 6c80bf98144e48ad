namespace OpenStackImageManager.Engine.Configuration;

/// <summary>Where openstacksdk looks for clouds.yaml and secure.yaml, in its order.</summary>
internal static class CloudFiles
{
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];

    internal static IEnumerable<string> Candidates(string baseName, string? explicitFile, string currentDirectory, string? homeDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitFile))
        {
            yield return explicitFile;
        }

        var directories = new List<string> { currentDirectory };
        if (!string.IsNullOrEmpty(homeDirectory))
        {
            directories.Add(Path.Combine(homeDirectory, ".config", "openstack"));
        }

        directories.Add(Path.Combine(Path.DirectorySeparatorChar.ToString(), "etc", "openstack"));
        foreach (var directory in directories)
        {
            foreach (var extension in s_extensions)
            {
                yield return Path.Combine(directory, baseName + extension);
            }
        }
    }

    /// <summary>The first candidate that exists; openstacksdk reads only one clouds.yaml.</summary>
    internal static string? FindFirst(IEnumerable<string> candidates) => candidates.FirstOrDefault(File.Exists);
}
