using System.Text;
using OpenStackImageManager.Engine.Definitions;

namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>
/// Writes an edited definition file only when the edited text loads clean (validated in memory
/// first) and the file still holds the text the edit was made on; then atomically (a temporary file
/// in the same folder, renamed over the original), so a reader never sees half a file.
/// </summary>
internal static class DefinitionFileWriter
{
    public static void Validate(string file, string text, string definitionName, string version)
    {
        var result = DefinitionLoader.LoadText(file, text, CancellationToken.None);
        if (result.HasErrors)
        {
            throw new CatalogEditException($"the edited {file} would not load: {string.Join("; ", result.Problems.Where(p => p.Severity == Models.ProblemSeverity.Error))}. Nothing was written.");
        }

        if (!result.Definitions.Any(d => d.Name == definitionName && d.Versions.Any(v => v.Version == version)))
        {
            throw new CatalogEditException($"the edited {file} does not list version {version} of '{definitionName}'. Nothing was written.");
        }
    }

    public static void Write(string file, string before, string after)
    {
        var bytes = File.ReadAllBytes(file);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        if (Yaml.YamlFileReader.ReadAllText(file) != before)
        {
            throw new CatalogEditException($"{file} changed while the edit was prepared; nothing was written. Run again.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (bom)
                {
                    stream.Write(Encoding.UTF8.Preamble);
                }

                stream.Write(new UTF8Encoding(false).GetBytes(after));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
