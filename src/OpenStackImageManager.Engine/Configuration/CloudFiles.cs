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

    /// <summary>
    /// SHA-256 over the contents of the given files (null entries skipped), hex. A session is reused only
    /// while the files it came from are unchanged; a file that cannot be read gives a digest of its own.
    /// </summary>
    internal static string Digest(params string?[] files)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            if (file is null)
            {
                continue;
            }

            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(file) + "\0"));
            try
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                hash.AppendData(Guid.NewGuid().ToByteArray());
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The first candidate that exists; openstacksdk reads only one clouds.yaml.</summary>
    internal static string? FindFirst(IEnumerable<string> candidates) => candidates.FirstOrDefault(File.Exists);
}
