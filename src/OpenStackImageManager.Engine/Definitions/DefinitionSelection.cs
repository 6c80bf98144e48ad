using System.Text.RegularExpressions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Which definitions a run works on, with the Python tool's semantics: <c>--filter</c> is an
/// unanchored regular expression search on the name, disabled definitions only with <c>--force</c>,
/// and <c>--latest</c> keeps only the newest version of <c>multi: true</c> definitions.
/// </summary>
public static class DefinitionSelection
{
    public static IEnumerable<ImageDefinition> Select(
        IEnumerable<ImageDefinition> definitions, Regex? filter, bool includeDisabled, bool latestOnly)
    {
        foreach (var definition in definitions)
        {
            if ((!includeDisabled && !definition.Enable) || (filter is not null && !filter.IsMatch(definition.Name)))
            {
                continue;
            }

            yield return latestOnly && definition.Multi && definition.Versions.Count > 1 ? WithNewestOnly(definition) : definition;
        }
    }

    private static ImageDefinition WithNewestOnly(ImageDefinition d) => new()
    {
        Name = d.Name,
        Enable = d.Enable,
        Format = d.Format,
        Login = d.Login,
        Password = d.Password,
        MinDisk = d.MinDisk,
        MinRam = d.MinRam,
        Multi = d.Multi,
        Keep = d.Keep,
        Status = d.Status,
        Visibility = d.Visibility,
        Separator = d.Separator,
        ShortName = d.ShortName,
        LatestUrl = d.LatestUrl,
        LatestChecksumUrl = d.LatestChecksumUrl,
        Meta = d.Meta,
        Tags = d.Tags,
        Versions = [d.Versions[^1]],
        SourceFile = d.SourceFile,
        SourceLine = d.SourceLine,
    };
}
