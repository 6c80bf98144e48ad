using System.Text.RegularExpressions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Definitions;

/// <summary>
/// Which loaded definitions a run works on, with the Python tool's semantics: <c>--filter</c> is an
/// unanchored regular expression search on the name, disabled definitions only with <c>--force</c>.
/// Versions are never trimmed here: "latest" is a planning rule (<see cref="Models.DefinitionLoadSummary.LatestOnly"/>),
/// because a definition without its older versions would make rotation take them for removed ones.
/// </summary>
internal static class DefinitionSelection
{
    public static IEnumerable<ImageDefinition> Select(IEnumerable<ImageDefinition> definitions, Regex? filter, bool includeDisabled) =>
        definitions.Where(d => (includeDisabled || d.Enable) && (filter is null || filter.IsMatch(d.Name)));
}
